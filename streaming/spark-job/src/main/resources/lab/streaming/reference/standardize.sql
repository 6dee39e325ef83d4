-- The benchmark's reference: etl-core's Standardize rules (lab.etl.standardize.Standardize), the
-- same rules written as DuckDB macros. The lists and maps (${...}) are filled in from the Java
-- constants the Spark rules use, so both read the same reference data. Statements are separated by
-- a line holding only a semicolon.

-- Surrounding whitespace of any kind (spaces, tabs, line breaks), as \s+ anchored at both ends.
CREATE MACRO std_trim_ws(raw) AS regexp_replace(raw, '^\s+|\s+$', '', 'g')
;
-- Email: trimmed and lower-cased; blank becomes NULL.
CREATE MACRO std_email(raw) AS
  CASE WHEN std_trim_ws(raw) = '' THEN NULL ELSE lower(std_trim_ws(raw)) END
;
-- The calling code of an ISO alpha-2 country among the shop's markets, else NULL.
CREATE MACRO std_calling_code(country) AS
  map_extract_value(MAP {${CALLING_CODES}}, upper(trim(country)))
;
-- A phone number without separators, made international: + stays, 00 becomes +, a national
-- number's trunk 0 becomes the country's calling code.
CREATE MACRO std_phone_international(digits, country) AS
  CASE
    WHEN starts_with(digits, '+') THEN digits
    WHEN starts_with(digits, '00') THEN '+' || digits[3:]
    WHEN regexp_matches(digits, '^0[1-9]') THEN '+' || std_calling_code(country) || digits[2:]
  END
;
-- E.164 or NULL: whatever is not E.164 after the rules above was garbage.
CREATE MACRO std_phone(raw, country) AS
  nullif(
    regexp_extract(
      std_phone_international(regexp_replace(raw, '[\s\-.()]', '', 'g'), country),
      '^(\+[1-9][0-9]{6,14})$', 1),
    '')
;
-- A country as ISO 3166-1 alpha-2: a known two-letter code in any case, or an English name.
CREATE MACRO std_country(raw) AS
  CASE
    WHEN upper(std_trim_ws(raw)) IN (${COUNTRY_CODES}) THEN upper(std_trim_ws(raw))
    ELSE map_extract_value(MAP {${COUNTRY_NAMES}}, lower(std_trim_ws(raw)))
  END
;
-- ISO 4217, upper case, among the currencies the shop uses; else NULL.
CREATE MACRO std_currency(raw) AS
  CASE
    WHEN upper(regexp_replace(raw, '\s', '', 'g')) IN (${CURRENCIES})
    THEN upper(regexp_replace(raw, '\s', '', 'g'))
  END
;
-- A CRM date in ISO, German or US format; the format tells them apart.
CREATE MACRO std_lenient_date(raw) AS
  CASE
    WHEN regexp_matches(trim(raw), '^\d{4}-\d{2}-\d{2}$')
      THEN CAST(try_strptime(trim(raw), '%Y-%m-%d') AS DATE)
    WHEN regexp_matches(trim(raw), '^\d{2}\.\d{2}\.\d{4}$')
      THEN CAST(try_strptime(trim(raw), '%d.%m.%Y') AS DATE)
    WHEN regexp_matches(trim(raw), '^\d{2}/\d{2}/\d{4}$')
      THEN CAST(try_strptime(trim(raw), '%m/%d/%Y') AS DATE)
  END
;
-- A timestamp with an explicit UTC offset as the instant it names; NULL without one. (%z reads
-- +02:00 and +0200 but not Z, so Z is spelled +00:00 first.)
CREATE MACRO std_utc_timestamp(raw) AS
  CASE
    WHEN regexp_matches(trim(raw), '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$')
      THEN try_strptime(regexp_replace(trim(raw), 'Z$', '+00:00'), '%Y-%m-%dT%H:%M:%S%z')
    WHEN regexp_matches(trim(raw), '^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{4}$')
      THEN try_strptime(trim(raw), '%Y-%m-%d %H:%M:%S%z')
  END
;
-- A timestamp as the change rows carry it: UTC text with microseconds.
CREATE MACRO wire_timestamp(ts) AS strftime(ts, '%Y-%m-%d %H:%M:%S.%fZ')
