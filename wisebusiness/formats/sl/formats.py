# "5. marca 2026": the month in the genitive, as Slovenian writes a date (wisebusiness/month_names.py).
DATE_FORMAT = "j. E Y"
DATETIME_FORMAT = "j. E Y, H:i"
