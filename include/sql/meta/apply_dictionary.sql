-- Inputs: entries, the comments of include/dictionary.toml as a jsonb array (V016).
select meta.apply_comments(%(entries)s::jsonb)
