-- A user who erased the account and came back is one person for the analytics, not two: the users
-- row names the anonymous id its erased usage rows carry (the first erasure's; a later erasure
-- folds into the same one). The log holds this link anyway (the erasure event's id, under the
-- user's key), so this keeps nothing a replay could not derive.
alter table users add column erased_as text;

-- Adds every model's figures of one per-model usage object to another.
create function merge_model_usage(usage jsonb, more jsonb)
    returns jsonb language sql immutable as $$
    select coalesce(usage, '{}'::jsonb) || coalesce((select jsonb_object_agg(m.key, jsonb_build_object(
        'messages',        coalesce((usage -> m.key ->> 'messages')::bigint, 0) + coalesce((m.value ->> 'messages')::bigint, 0),
        'inputTokens',     coalesce((usage -> m.key ->> 'inputTokens')::bigint, 0) + coalesce((m.value ->> 'inputTokens')::bigint, 0),
        'outputTokens',    coalesce((usage -> m.key ->> 'outputTokens')::bigint, 0) + coalesce((m.value ->> 'outputTokens')::bigint, 0),
        'reasoningTokens', coalesce((usage -> m.key ->> 'reasoningTokens')::bigint, 0) + coalesce((m.value ->> 'reasoningTokens')::bigint, 0)))
        from jsonb_each(coalesce(more, '{}'::jsonb)) m), '{}'::jsonb)
$$;
