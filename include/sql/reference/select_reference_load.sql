select 1 from core.reference_load where checksum = %(checksum)s
