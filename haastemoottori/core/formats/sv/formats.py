"""Swedish as written in Finland (the recommendation of Svenska språkbyrån at Institutet för de inhemska
språken): the numeric date like Finnish, 4.1.2027, never the ISO 2027-01-04 of Django's Swedish default;
times with a full stop, kl. 16.00.

4 januari 2027 · 4.1.2027 · 4 januari 2027 kl. 16.00 · 4.1.2027 16.00 · 16.00
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "G.i"
DATETIME_FORMAT = r"j F Y \k\l. G.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
FIRST_DAY_OF_WEEK = 1  # Monday
