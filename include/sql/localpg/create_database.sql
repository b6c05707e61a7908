create database {database} owner {owner}
