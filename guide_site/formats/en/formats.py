# English on this site is British English: 27 November 2026, not November 27, 2026.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
MONTH_DAY_FORMAT = "j F"
