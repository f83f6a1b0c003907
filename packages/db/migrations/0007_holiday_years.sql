-- Holiday arrangements added by an operator (gongzhi calendar add) for years the release does not
-- ship: the State Council publishes each year's notice in November or December, and statutory
-- clocks that reach into that year (CC 201-203) cannot be computed without it. Reference data of
-- the platform, like the jurisdiction profiles, not of an estate: not distributed by estate.
-- One row per calendar and year, never replaced (the core refuses different data for a year).
CREATE TABLE holiday_years (
  calendar_id  text NOT NULL,
  year         int NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  data         jsonb NOT NULL CHECK ((data->>'year')::int = year),
  added_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, year)
);
