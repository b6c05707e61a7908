-- Repeat one published day of a mart on the following days (report_date + 1 .. report_date + extra_days),
-- to give the BI queries a campaign's worth of history. {table}, {columns}, {shifted} are
-- identifiers composed by the benchmark; the values are bound.
insert into {table} ({columns})
select {shifted}
from {table}
cross join generate_series(1, %(extra_days)s) as bench_shift (shift_days)
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
