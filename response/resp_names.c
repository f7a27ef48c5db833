/*
 * resp_names.c - the name tables of the response reader: response codes as on the wire
 * (RFC 9051 §7.1, RFC 5530 and the extensions), kinds, conditions and data names for
 * logs, tests and the CLI's JSON.
 */
#include "resp_internal.h"

static const char *const rcode_names[IG_RCODE__COUNT] = {
    "", "OTHER", "ALERT", "ALREADYEXISTS", "APPENDUID", "AUTHENTICATIONFAILED",
    "AUTHORIZATIONFAILED", "BADCHARSET", "CANNOT", "CAPABILITY", "CLIENTBUG", "CLOSED",
    "COMPRESSIONACTIVE", "CONTACTADMIN", "COPYUID", "CORRUPTION", "EXPIRED",
    "EXPUNGEISSUED", "HASCHILDREN", "HIGHESTMODSEQ", "INUSE", "LIMIT", "MAILBOXID",
    "METADATA", "MODIFIED", "NOMODSEQ", "NONEXISTENT", "NOPERM", "NOTSAVED", "OVERQUOTA",
    "PARSE", "PERMANENTFLAGS", "PRIVACYREQUIRED", "READ-ONLY", "READ-WRITE", "SERVERBUG",
    "TOOBIG", "TRYCREATE", "UIDNEXT", "UIDNOTSTICKY", "UIDVALIDITY", "UNAVAILABLE",
    "UNKNOWN-CTE", "UNSEEN", "USEATTR"};

const char *ig_rcode_name(enum ig_rcode code)
{
    return (unsigned)code < IG_RCODE__COUNT ? rcode_names[code] : "?";
}

const char *ig_resp_kind_name(enum ig_resp_kind k)
{
    static const char *const n[IG_RESP__COUNT] = {"CONTINUE", "TAGGED", "STATUS", "DATA"};
    return (unsigned)k < IG_RESP__COUNT ? n[k] : "?";
}

const char *ig_resp_cond_name(enum ig_resp_cond c)
{
    static const char *const n[IG_COND__COUNT] = {"OK", "NO", "BAD", "PREAUTH", "BYE"};
    return (unsigned)c < IG_COND__COUNT ? n[c] : "?";
}

const char *ig_rdata_name(enum ig_rdata d)
{
    static const char *const n[IG_RDATA__COUNT] = {
        "OTHER", "CAPABILITY", "ENABLED", "EXISTS", "EXPUNGE", "RECENT", "VANISHED",
        "FLAGS", "LIST", "LSUB", "STATUS", "SEARCH", "ESEARCH", "FETCH"};
    return (unsigned)d < IG_RDATA__COUNT ? n[d] : "?";
}
