-- The addresses of an email message (from, to, cc, bcc) as JSON; NULL for other messages.
ALTER TABLE messages ADD COLUMN email TEXT;
