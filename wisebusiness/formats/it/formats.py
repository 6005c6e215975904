# "5 marzo 2026": no leading zero; month names come lowercase from wisebusiness/month_names.py.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
