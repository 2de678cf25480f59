-- The PKCE challenge (RFC 7636, S256) of the browser that started the sign-in; NULL when it sent none.
ALTER TABLE exchange_code ADD COLUMN code_challenge text;
