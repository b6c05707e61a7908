-- The mart tables (not the views over them) keyed by campaign and report date, with their columns in order.
select columns.table_name, array_agg(columns.column_name::text order by columns.ordinal_position) as columns
from information_schema.columns as columns
inner join information_schema.tables as tables
    on tables.table_schema = columns.table_schema and tables.table_name = columns.table_name
where columns.table_schema = 'mart' and tables.table_type = 'BASE TABLE'
group by columns.table_name
having bool_or(columns.column_name = 'campaign_id') and bool_or(columns.column_name = 'report_date')
order by columns.table_name
