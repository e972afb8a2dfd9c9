"""schema.org JSON-LD for a public challenge page."""

from django.urls import reverse


def challenge_jsonld(challenge, request) -> dict:
    base = f"{request.scheme}://{request.get_host()}"
    title = challenge.t.title
    summary = challenge.t.summary
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "additionalType": "https://haastemoottori.fi/vocab/Challenge",
        "name": title.text,
        "inLanguage": title.language,
        "description": summary.text,
        "url": base + reverse("challenges:detail", args=[challenge.slug]),
        "creativeWorkStatus": challenge.get_stage_display(),
        "keywords": [str(t) for t in challenge.themes.all()],
        "author": [
            {
                "@type": "GovernmentOrganization" if o.organisation.kind in ("city", "public") else "Organization",
                "name": str(o.organisation),
                "url": base + reverse("organisations:detail", args=[o.organisation.slug]),
            }
            for o in challenge.ownerships.all()
        ],
    }
    if challenge.published_at:
        data["datePublished"] = challenge.published_at.isoformat()
    if challenge.call_deadline:
        data["expires"] = challenge.call_deadline.isoformat()
    if challenge.platform:
        data["spatialCoverage"] = {"@type": "Place", "name": str(challenge.platform.t.name)}
    return data
