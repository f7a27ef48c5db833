/*
 * names.c - fixed names for enums (statuses, commands) and the extension each command
 * word belongs to. Everything here is a constant table.
 */
#include "internal.h"

const char *ig_status_name(enum ig_status st)
{
    switch (st) {
    case IG_OK: return "IG_OK";
    case IG_NEED_MORE: return "IG_NEED_MORE";
    case IG_NEED_LITERAL: return "IG_NEED_LITERAL";
    case IG_LITERAL_DATA: return "IG_LITERAL_DATA";
    case IG_NEED_OUTPUT: return "IG_NEED_OUTPUT";
    case IG_E_SYNTAX: return "IG_E_SYNTAX";
    case IG_E_LIMIT: return "IG_E_LIMIT";
    case IG_E_NOMEM: return "IG_E_NOMEM";
    case IG_E_STATE: return "IG_E_STATE";
    case IG_E_USAGE: return "IG_E_USAGE";
    case IG_E_FATAL: return "IG_E_FATAL";
    default: return "IG_STATUS_UNKNOWN";
    }
}

static const char *const cmd_names[IG_CMD__COUNT] = {
    [IG_CMD_OTHER] = "OTHER",
    [IG_CMD_CAPABILITY] = "CAPABILITY",
    [IG_CMD_NOOP] = "NOOP",
    [IG_CMD_LOGOUT] = "LOGOUT",
    [IG_CMD_STARTTLS] = "STARTTLS",
    [IG_CMD_AUTHENTICATE] = "AUTHENTICATE",
    [IG_CMD_LOGIN] = "LOGIN",
    [IG_CMD_ENABLE] = "ENABLE",
    [IG_CMD_SELECT] = "SELECT",
    [IG_CMD_EXAMINE] = "EXAMINE",
    [IG_CMD_CREATE] = "CREATE",
    [IG_CMD_DELETE] = "DELETE",
    [IG_CMD_RENAME] = "RENAME",
    [IG_CMD_SUBSCRIBE] = "SUBSCRIBE",
    [IG_CMD_UNSUBSCRIBE] = "UNSUBSCRIBE",
    [IG_CMD_LIST] = "LIST",
    [IG_CMD_LSUB] = "LSUB",
    [IG_CMD_NAMESPACE] = "NAMESPACE",
    [IG_CMD_STATUS] = "STATUS",
    [IG_CMD_APPEND] = "APPEND",
    [IG_CMD_IDLE] = "IDLE",
    [IG_CMD_CHECK] = "CHECK",
    [IG_CMD_CLOSE] = "CLOSE",
    [IG_CMD_UNSELECT] = "UNSELECT",
    [IG_CMD_EXPUNGE] = "EXPUNGE",
    [IG_CMD_SEARCH] = "SEARCH",
    [IG_CMD_FETCH] = "FETCH",
    [IG_CMD_STORE] = "STORE",
    [IG_CMD_COPY] = "COPY",
    [IG_CMD_MOVE] = "MOVE",
    [IG_CMD_UID_FETCH] = "UID FETCH",
    [IG_CMD_UID_STORE] = "UID STORE",
    [IG_CMD_UID_COPY] = "UID COPY",
    [IG_CMD_UID_MOVE] = "UID MOVE",
    [IG_CMD_UID_SEARCH] = "UID SEARCH",
    [IG_CMD_UID_EXPUNGE] = "UID EXPUNGE",
    [IG_CMD_ID] = "ID",
    [IG_CMD_COMPRESS] = "COMPRESS",
    [IG_CMD_GETQUOTA] = "GETQUOTA",
    [IG_CMD_GETQUOTAROOT] = "GETQUOTAROOT",
    [IG_CMD_SETQUOTA] = "SETQUOTA",
    [IG_CMD_SETACL] = "SETACL",
    [IG_CMD_DELETEACL] = "DELETEACL",
    [IG_CMD_GETACL] = "GETACL",
    [IG_CMD_LISTRIGHTS] = "LISTRIGHTS",
    [IG_CMD_MYRIGHTS] = "MYRIGHTS",
    [IG_CMD_GETMETADATA] = "GETMETADATA",
    [IG_CMD_SETMETADATA] = "SETMETADATA",
    [IG_CMD_SORT] = "SORT",
    [IG_CMD_UID_SORT] = "UID SORT",
    [IG_CMD_THREAD] = "THREAD",
    [IG_CMD_UID_THREAD] = "UID THREAD",
    [IG_CMD_ESEARCH] = "ESEARCH",
    [IG_CMD_DONE] = "DONE",
    [IG_CMD_SASL] = "SASL",
};

const char *ig_cmd_name(enum ig_cmd cmd)
{
    if ((unsigned)cmd >= IG_CMD__COUNT || cmd_names[cmd] == NULL)
        return "OTHER";
    return cmd_names[cmd];
}

/* The extension a command word itself belongs to; constructs inside a command add
 * their own bits as the grammar meets them. */
const uint32_t ig__cmd_ext[IG_CMD__COUNT] = {
    [IG_CMD_ENABLE] = IG_EXT_ENABLE,
    [IG_CMD_NAMESPACE] = IG_EXT_NAMESPACE,
    [IG_CMD_IDLE] = IG_EXT_IDLE,
    [IG_CMD_UNSELECT] = IG_EXT_UNSELECT,
    [IG_CMD_MOVE] = IG_EXT_MOVE,
    [IG_CMD_UID_MOVE] = IG_EXT_MOVE,
    [IG_CMD_UID_EXPUNGE] = IG_EXT_UIDPLUS,
    [IG_CMD_LSUB] = IG_EXT_REV1,
    [IG_CMD_CHECK] = IG_EXT_REV1,
    [IG_CMD_ID] = IG_EXT_ID,
    [IG_CMD_COMPRESS] = IG_EXT_COMPRESS,
    [IG_CMD_GETQUOTA] = IG_EXT_QUOTA,
    [IG_CMD_GETQUOTAROOT] = IG_EXT_QUOTA,
    [IG_CMD_SETQUOTA] = IG_EXT_QUOTA,
    [IG_CMD_SETACL] = IG_EXT_ACL,
    [IG_CMD_DELETEACL] = IG_EXT_ACL,
    [IG_CMD_GETACL] = IG_EXT_ACL,
    [IG_CMD_LISTRIGHTS] = IG_EXT_ACL,
    [IG_CMD_MYRIGHTS] = IG_EXT_ACL,
    [IG_CMD_GETMETADATA] = IG_EXT_METADATA,
    [IG_CMD_SETMETADATA] = IG_EXT_METADATA,
    [IG_CMD_SORT] = IG_EXT_SORT,
    [IG_CMD_UID_SORT] = IG_EXT_SORT,
    [IG_CMD_THREAD] = IG_EXT_THREAD,
    [IG_CMD_UID_THREAD] = IG_EXT_THREAD,
    [IG_CMD_ESEARCH] = IG_EXT_MULTISEARCH,
};

/* Which file parses, writes and compares each command (see parser/internal.h). */
const uint8_t ig__cmd_family[IG_CMD__COUNT] = {
    [IG_CMD_SELECT] = IG__FAM_MAILBOX,
    [IG_CMD_EXAMINE] = IG__FAM_MAILBOX,
    [IG_CMD_CREATE] = IG__FAM_MAILBOX,
    [IG_CMD_RENAME] = IG__FAM_MAILBOX,
    [IG_CMD_STATUS] = IG__FAM_MAILBOX,
    [IG_CMD_LIST] = IG__FAM_MAILBOX,
    [IG_CMD_LSUB] = IG__FAM_MAILBOX,
    [IG_CMD_FETCH] = IG__FAM_FETCH,
    [IG_CMD_UID_FETCH] = IG__FAM_FETCH,
    [IG_CMD_STORE] = IG__FAM_FETCH,
    [IG_CMD_UID_STORE] = IG__FAM_FETCH,
    [IG_CMD_SEARCH] = IG__FAM_SEARCH,
    [IG_CMD_UID_SEARCH] = IG__FAM_SEARCH,
    [IG_CMD_SORT] = IG__FAM_SEARCH,
    [IG_CMD_UID_SORT] = IG__FAM_SEARCH,
    [IG_CMD_THREAD] = IG__FAM_SEARCH,
    [IG_CMD_UID_THREAD] = IG__FAM_SEARCH,
    [IG_CMD_ESEARCH] = IG__FAM_SEARCH,
    [IG_CMD_ENABLE] = IG__FAM_EXT,
    [IG_CMD_ID] = IG__FAM_EXT,
    [IG_CMD_COMPRESS] = IG__FAM_EXT,
    [IG_CMD_GETQUOTA] = IG__FAM_EXT,
    [IG_CMD_SETQUOTA] = IG__FAM_EXT,
    [IG_CMD_SETACL] = IG__FAM_EXT,
    [IG_CMD_DELETEACL] = IG__FAM_EXT,
    [IG_CMD_LISTRIGHTS] = IG__FAM_EXT,
    [IG_CMD_GETMETADATA] = IG__FAM_EXT,
    [IG_CMD_SETMETADATA] = IG__FAM_EXT,
};
