-- No statistics of sealed secrets: ANALYZE copies a sample of each column's values into pg_statistic, where
-- a value outlives its row (a removed provider key, a removed MCP server's headers). Setting the target to 0
-- keeps later ANALYZEs off these columns; changing a column's type, here to the type it has, removes what
-- earlier ones sampled.
alter table user_api_keys alter column ciphertext set statistics 0;
alter table user_api_keys alter column ciphertext type text;
alter table mcp_servers alter column headers_ciphertext set statistics 0;
alter table mcp_servers alter column headers_ciphertext type text;
