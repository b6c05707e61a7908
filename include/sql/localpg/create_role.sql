create role {role} login createrole
