select status, revision, reason
from dq.report_revision
where payload_id = %(payload_id)s
