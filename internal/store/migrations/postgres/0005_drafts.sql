-- Drafts of web forms: what a person has typed into a form and not yet sent, kept per user and
-- form so a wrong click, a timeout or a reload loses nothing. The form's values are the
-- url-encoded form body as the browser sent it. A draft is deleted when the form is sent; old
-- ones are swept by DeleteDraftsBefore. Times are microseconds since the Unix epoch, UTC.
CREATE TABLE form_drafts (
    user_id TEXT   NOT NULL,
    form    TEXT   NOT NULL,
    body    TEXT   NOT NULL,
    saved   BIGINT NOT NULL,
    PRIMARY KEY (user_id, form)
);
CREATE INDEX form_drafts_saved ON form_drafts (saved);
