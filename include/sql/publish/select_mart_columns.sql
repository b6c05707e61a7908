-- Inputs: table_name. The columns of one mart table in order, with their types, to type its
-- Parquet export (the CSV export is `select *` in the same order).
select column_name, data_type
from information_schema.columns
where table_schema = 'mart' and table_name = %(table_name)s
order by ordinal_position
