"""Finnish, as Django writes it (Kielitoimisto's recommendations): dates with full stops, times with a full stop.

4. tammikuuta 2027 · 4.1.2027 · 4. tammikuuta 2027 kello 16.00 · 4.1.2027 16.00 · 16.00
"""

DATE_FORMAT = "j. E Y"
TIME_FORMAT = "G.i"
DATETIME_FORMAT = r"j. E Y \k\e\l\l\o G.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. E"  # 4. tammikuuta (Django has the nominative, 4. tammikuu)
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
FIRST_DAY_OF_WEEK = 1  # Monday
