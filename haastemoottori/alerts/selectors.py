from .models import Follow


def user_follows_challenge(*, user, challenge) -> bool:
    return user.is_authenticated and Follow.objects.filter(user=user, challenge=challenge).exists()


def followed_challenges(*, user):
    from haastemoottori.challenges.models import Challenge
    from haastemoottori.challenges.selectors import challenge_list_prefetch

    return challenge_list_prefetch(Challenge.objects.public().filter(follows__user=user)).order_by("-published_at")
