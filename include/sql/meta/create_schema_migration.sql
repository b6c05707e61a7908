create table if not exists public.schema_migration (
    version integer primary key,
    filename text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
)
