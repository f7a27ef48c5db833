#!/bin/bash -eu
# build.sh - the OSS-Fuzz / ClusterFuzzLite build contract: compile with $CC $CFLAGS
# (which carry the sanitizer and coverage flags), link every target with
# $LIB_FUZZING_ENGINE using $CXX, and put into $OUT the binaries, their seed corpora
# (<target>_seed_corpus.zip), the dictionary and the .options files. CI runs it locally
# with those variables set (.ci/run), so the contract is proven without Docker.
set -eu   # also when run as `bash fuzz/build.sh`, where the #! flags do not apply
cd "$(dirname "$0")/.."
: "${CC:?}" "${CXX:?}" "${CFLAGS:?}" "${LIB_FUZZING_ENGINE:?}" "${OUT:?}"
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK/obj" "$OUT"

objs=()
for src in parser/*.c session/*.c response/*.c fuzz/fz_*.c backend/*.c; do
    obj=$WORK/obj/$(basename "$src" .c).o
    $CC $CFLAGS -std=c11 -Iinclude -Iparser -Isession -Iresponse -Ifuzz -Ibackend -c "$src" -o "$obj"
    objs+=("$obj")
done
# The differential target links Dovecot's lib-imap (Debian dovecot-dev); without it the
# target is left out. Only fuzz/differential/dovecot.c includes Dovecot's headers.
DOVECOT_INC=${DOVECOT_INC:-/usr/include/dovecot}
DOVECOT_LIB=${DOVECOT_LIB:-/usr/lib/dovecot}
for src in fuzz/fuzz_*.c; do
    t=$(basename "$src" .c)
    t=${t#fuzz_}
    extra=()
    if [ "$t" = differential ]; then
        if [ ! -f "$DOVECOT_INC/imap-parser.h" ]; then
            echo "build.sh: skipping the differential target (dovecot-dev is not installed)"
            continue
        fi
        $CC $CFLAGS -std=gnu11 -I"$DOVECOT_INC" -c fuzz/differential/dovecot.c -o "$WORK/obj/dovecot.o"
        extra=("$WORK/obj/dovecot.o" -L"$DOVECOT_LIB" -Wl,-rpath,"$DOVECOT_LIB" -ldovecot)
    fi
    $CC $CFLAGS -std=c11 -Iinclude -Iparser -Isession -Iresponse -Ifuzz -Ibackend -c "$src" -o "$WORK/obj/fuzz_$t.o"
    $CXX $CXXFLAGS "$WORK/obj/fuzz_$t.o" "${objs[@]}" $LIB_FUZZING_ENGINE "${extra[@]}" -o "$OUT/$t"
    if [ -d "corpus/$t" ]; then
        # Seeds and regression inputs side by side; the regress- prefix keeps a
        # regression input that triage also copied into the seeds from colliding.
        seeds=$WORK/seeds/$t
        rm -rf "$seeds" && mkdir -p "$seeds"
        cp corpus/"$t"/* "$seeds"/
        if [ -d "corpus/regress/$t" ]; then
            # files only: the folder may be empty, and triage keeps its stack
            # signatures in a .sig/ subfolder (not inputs)
            for r in corpus/regress/"$t"/*; do
                [ -f "$r" ] && cp "$r" "$seeds/regress-$(basename "$r")"
            done
        fi
        rm -f "$OUT/${t}_seed_corpus.zip"
        (cd "$seeds" && zip -q -j "$OUT/${t}_seed_corpus.zip" ./*)
    fi
    cp "fuzz/fuzz_$t.options" "$OUT/$t.options"
done
cp fuzz/imap.dict "$OUT/imap.dict"
