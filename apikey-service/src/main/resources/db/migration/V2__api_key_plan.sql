-- The organization's plan as of the key's last change, so verify can tell services the plan
-- without asking auth-service on every request.
ALTER TABLE api_keys ADD COLUMN plan text NOT NULL DEFAULT 'free';
