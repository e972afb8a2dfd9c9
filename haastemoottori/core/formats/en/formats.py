"""English as written in Europe (en-GB): day before month, 24-hour clock.

4 January 2027 · 4 Jan 2027 · 4 January 2027, 16:00 · 4 Jan 2027, 16:00 · 16:00
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# Typed dates are read day first, never as the US month/day/year.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2027-01-04'
    "%d/%m/%Y",  # '04/01/2027'
    "%d/%m/%y",  # '04/01/27'
    "%d %b %Y",  # '4 Jan 2027'
    "%d %B %Y",  # '4 January 2027'
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%y %H:%M",
]
