"""schema.org Event JSON-LD for a public event page."""

from django.urls import reverse

MODES = {
    "offline": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}


def event_jsonld(event, request, *, base: str, seats_left: int | None) -> dict:
    url = base + reverse("events:detail", args=[event.slug])
    places = []
    if event.location:
        places.append({"@type": "Place", "name": event.location, "address": event.location})
    if event.online_url:
        # The link itself is for registered people only: the page, where they register, stands for it.
        places.append({"@type": "VirtualLocation", "url": url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.t.title.text,
        "description": event.t.description.text,
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if event.is_cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": MODES[event.attendance_mode],
        "location": places[0] if len(places) == 1 else places,
        "organizer": {
            "@type": "GovernmentOrganization",
            "name": str(event.organiser),
            "url": base + reverse("organisations:detail", args=[event.organiser.slug]),
        },
        "inLanguage": event.language,
        "url": url,
    }
    if event.capacity is not None:
        data["maximumAttendeeCapacity"] = event.capacity
        data["remainingAttendeeCapacity"] = seats_left if seats_left is not None else event.capacity
    return data
