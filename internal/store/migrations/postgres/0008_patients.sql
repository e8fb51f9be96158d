-- The citizens (Patient ids) each version is about, as the record layer computed them from the
-- version's index entries when it wrote it, space-separated ('' for none): a read's need-to-know
-- and its access-log entry use them without parsing the body. NULL for a version written before
-- this column, whose readers work them out from the body.
ALTER TABLE resources ADD COLUMN patients TEXT;
ALTER TABLE resource_versions ADD COLUMN patients TEXT;
