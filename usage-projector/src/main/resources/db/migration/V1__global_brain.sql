-- The global brain: one tidy table per concept, every row a fold of chat.events.
-- The projector is the only writer; each user's last applied seq gates every change.

create table users (
    user_id       text primary key,
    first_seen_at timestamptz,
    last_seen_at  timestamptz,
    last_seq      bigint      not null,
    erased_at     timestamptz
);

create table user_settings (
    user_id             text primary key,
    selected_model      text        not null,
    reasoning_effort    text        not null,
    web_search_enabled  boolean     not null,
    theme               text        not null,
    chat_width          text        not null,
    enabled_mcp_servers jsonb       not null default '[]',
    updated_at          timestamptz not null,
    last_seq            bigint      not null
);

-- Keys stay sealed (AES-256-GCM under a per-user key the command API derives); only the hint is shown.
create table user_api_keys (
    user_id    text        not null,
    provider   text        not null,
    key_id     text        not null,
    ciphertext text        not null,
    hint       text        not null,
    base_url   text,
    updated_at timestamptz not null,
    last_seq   bigint      not null,
    primary key (user_id, provider)
);

create table mcp_servers (
    user_id            text        not null,
    server_id          text        not null,
    name               text        not null,
    url                text        not null,
    transport          text        not null,
    headers_key_id     text,
    headers_ciphertext text,
    header_names       jsonb       not null default '[]',
    enabled            boolean     not null,
    updated_at         timestamptz not null,
    last_seq           bigint      not null,
    primary key (user_id, server_id)
);

-- One row per user per UTC day. messages counts generations (free and on the user's own key);
-- free_messages is what the quota counts. per_model: {model: {messages, inputTokens, outputTokens, reasoningTokens}}.
create table usage_daily (
    user_id          text   not null,
    day              date   not null,
    messages         bigint not null default 0,
    free_messages    bigint not null default 0,
    byok_messages    bigint not null default 0,
    input_tokens     bigint not null default 0,
    output_tokens    bigint not null default 0,
    reasoning_tokens bigint not null default 0,
    per_model        jsonb  not null default '{}',
    last_seq         bigint not null,
    primary key (user_id, day)
);
create index usage_daily_day on usage_daily (day);

-- One row per completion, for analytics.
create table generations (
    user_id          text        not null,
    generation_id    text        not null,
    conversation_id  text        not null,
    model            text        not null,
    provider         text        not null,
    byok             boolean     not null,
    day              date        not null,
    started_at       timestamptz not null,
    completed_at     timestamptz,
    finish_reason    text,
    input_tokens     bigint,
    output_tokens    bigint,
    reasoning_tokens bigint,
    latency_ms       bigint,
    last_seq         bigint      not null,
    primary key (user_id, generation_id)
);
create index generations_day on generations (day);

-- Where the projector is in chat.events, committed in the same transaction as the rows it wrote.
create table projector_offsets (
    topic       text    not null,
    partition   integer not null,
    next_offset bigint  not null,
    primary key (topic, partition)
);

-- Adds one generation's figures to a per-model usage object.
create function add_model_usage(usage jsonb, model text, messages bigint, input bigint, output bigint, reasoning bigint)
    returns jsonb language sql immutable as $$
    select coalesce(usage, '{}'::jsonb) || jsonb_build_object(model, jsonb_build_object(
        'messages',        coalesce((usage -> model ->> 'messages')::bigint, 0) + messages,
        'inputTokens',     coalesce((usage -> model ->> 'inputTokens')::bigint, 0) + input,
        'outputTokens',    coalesce((usage -> model ->> 'outputTokens')::bigint, 0) + output,
        'reasoningTokens', coalesce((usage -> model ->> 'reasoningTokens')::bigint, 0) + reasoning))
$$;
