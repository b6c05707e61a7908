-- Inputs: campaign_id, report_date. Every violation of every quarantined revision of the day,
-- with Vietnamese headers: this file goes back to the province that sent the report.
copy (
    select
        fate.province_code as "Mã tỉnh",
        fate.revision as "Lần gửi",
        failure.row_number as "Dòng",
        failure.commune_code as "Mã xã",
        failure.rule as "Quy tắc",
        failure.column_name as "Cột",
        failure.value as "Giá trị",
        failure.message as "Mô tả"
    from dq.report_revision as fate
    inner join dq.validation_failure as failure on failure.payload_id = fate.payload_id
    where fate.campaign_id = %(campaign_id)s
        and fate.report_date = %(report_date)s
        and fate.status = 'quarantined'
        and fate.province_code = %(province_code)s
    order by fate.payload_id, failure.failure_number
) to stdout with (format csv, header true)
