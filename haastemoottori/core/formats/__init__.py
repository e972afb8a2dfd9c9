"""One date and time format per language (``FORMAT_MODULE_PATH``); Django's own locale fills in the rest.

Templates name a format (``|date:"SHORT_DATETIME_FORMAT"``), never a pattern, so a page shows the same
kind of value the same way in one language. No format ends with a full stop: a sentence may end with one.
"""
