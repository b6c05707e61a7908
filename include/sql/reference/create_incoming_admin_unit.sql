create temporary table incoming_admin_unit (like core.admin_unit) on commit drop
