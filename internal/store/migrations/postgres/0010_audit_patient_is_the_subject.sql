-- An access-log entry's patient is now only the citizen whose data it touched (the entity of
-- type 1, person), no longer its agent: a citizen who acted, a guardian or a refused asker, is not
-- made a subject of the entry, so the citizen's log never shows another citizen's doings and the
-- asker cannot read their own entries to learn whose a hidden record is (issue 10). The server's
-- entries name every subject as an entity, so a patient row that is the agent and no entity came
-- from the agent alone. The store runs this statement again after moving entries of a store
-- older than 0007 (auditlegacy.go), whose index rows were made the old way.
DELETE FROM audit_event_refs
WHERE param = 'patient' AND ref_type = 'Patient'
  AND EXISTS (SELECT 1 FROM audit_events e
              WHERE e.id = audit_event_refs.id AND e.agent_type = 'Patient' AND e.agent_id = audit_event_refs.ref_id)
  AND NOT EXISTS (SELECT 1 FROM audit_event_refs en
                  WHERE en.param = 'entity' AND en.ref_type = 'Patient' AND en.ref_id = audit_event_refs.ref_id
                    AND en.id = audit_event_refs.id);
