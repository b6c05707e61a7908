select current_setting('data_directory') as data_directory
