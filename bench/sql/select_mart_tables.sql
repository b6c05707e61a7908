-- The mart tables keyed by campaign and report date, with their columns in order.
select table_name, array_agg(column_name::text order by ordinal_position) as columns
from information_schema.columns
where table_schema = 'mart'
group by table_name
having bool_or(column_name = 'campaign_id') and bool_or(column_name = 'report_date')
order by table_name
