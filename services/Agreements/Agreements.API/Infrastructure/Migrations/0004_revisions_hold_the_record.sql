-- Every write stored the agreement's record twice: in its row and as the revision's snapshot. The newest revision's
-- snapshot is the record (each write appends one), so the row keeps only the columns lists filter on and the version
-- that guards writes; the record is read from the revision. lz4 compresses the snapshots at a fraction of the CPU of
-- PostgreSQL's default pglz. Documents are mostly compressed already (PDF, office formats): stored out of line as they are.
ALTER TABLE agreements DROP COLUMN record;
ALTER TABLE agreement_revisions ALTER COLUMN snapshot SET COMPRESSION lz4;
ALTER TABLE agreement_documents ALTER COLUMN content SET STORAGE EXTERNAL;
