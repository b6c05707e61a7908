-- Inputs: campaign_id, report_date; composed: {mart}, a mart declared in include/dictionary.toml,
-- and {order_by}, its export order there (empty for a one-row mart).
copy (
    select *
    from {mart}
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
    {order_by}
) to stdout with (format csv, header true)
