-- Inputs: campaign_id, report_date; composed: {mart}, a mart declared in include/dictionary.toml.
delete from {mart} where campaign_id = %(campaign_id)s and report_date = %(report_date)s
