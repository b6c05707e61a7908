-- Inputs: checksum. Every loader of this transaction logs its changes against this load.
select set_config('vneid.reference_checksum', %(checksum)s, true)
