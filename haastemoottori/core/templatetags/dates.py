"""``{% time_range start end %}``: a range of dates or date-times, the date once when both ends fall on one day.

In HTML each end is a ``<time datetime="…">`` (ISO 8601); ``{% time_range_text start end %}`` is the plain
text for e-mail and other text templates. The formats are core/dates.py's.
"""

from django import template
from django.utils.html import format_html

from haastemoottori.core.dates import format_range, iso, range_parts

register = template.Library()


@register.simple_tag
def time_range(start, end=None):
    if not start:
        return ""
    parts = range_parts(start, end)
    first = format_html('<time datetime="{}">{}</time>', iso(start), parts.start)
    if not end:
        return first
    return format_html('{}{}<time datetime="{}">{}</time>', first, parts.dash, iso(end), parts.end)


@register.simple_tag
def time_range_text(start, end=None):
    return format_range(start, end) if start else ""
