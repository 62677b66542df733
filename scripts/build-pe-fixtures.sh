#!/usr/bin/env bash
# Rebuilds the small PE fixtures in test/fixtures/pe/ from the C/RC sources kept beside them.
#
# Needs Debian's gcc-mingw-w64-x86-64, gcc-mingw-w64-i686 (incl. binutils: windres, dlltool), osslsigncode and openssl.
# Reproducible where the tools allow it: no link timestamp (--no-insert-timestamp), fixed build ids, fixed signing time.
# The signing certificate and key (test-ca.*, test-signer.*) are generated once and committed: they are test
# material only, NOT secret, and must never be trusted by anything.
set -euo pipefail

cd "$(dirname "$0")/../test/fixtures/pe"
export SOURCE_DATE_EPOCH=1700000000
export LC_ALL=C TZ=UTC

X64=x86_64-w64-mingw32
X86=i686-w64-mingw32
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Tiny binaries: no C runtime, our own entry point, stripped, no timestamps, deterministic.
COMMON=(-Os -s -nostdlib -nostartfiles -ffreestanding -fno-asynchronous-unwind-tables -fno-ident
  -Wl,--no-insert-timestamp -Wl,--no-seh -Wl,--file-alignment,512 -Wl,--section-alignment,4096)

# Ordinal-only import libraries (NONAME) for ws2_32 and oleaut32.
for def in ws2_32-ordinals oleaut32-ordinals; do
  "$X86-dlltool" -d "$def.def" -l "$WORK/lib$def-x86.a"
  sed -E 's/@[0-9]+ @/ @/' "$def.def" > "$WORK/$def-x64.def"
  "$X64-dlltool" -d "$WORK/$def-x64.def" -l "$WORK/lib$def-x64.a"
done

# 1. x86 console exe.
"$X86-gcc" "${COMMON[@]}" -mconsole -e _start@0 hello.c -o hello-x86.exe \
  -L"$WORK" -lws2_32-ordinals-x86 -loleaut32-ordinals-x86 -lkernel32 -luser32

# 2. x64 console exe.
"$X64-gcc" "${COMMON[@]}" -mconsole -e start hello.c -o hello-x64.exe \
  -L"$WORK" -lws2_32-ordinals-x64 -loleaut32-ordinals-x64 -lkernel32 -luser32

# 3. x64 DLL with named exports.
"$X64-gcc" "${COMMON[@]}" -shared -e DllMainCRTStartup exports.c -o exports-x64.dll -lkernel32

# 4. x64 GUI exe with a VERSIONINFO resource.
"$X64-windres" --preprocessor-arg=-DSOURCE_DATE_EPOCH version.rc -O coff -o "$WORK/version.res"
"$X64-gcc" "${COMMON[@]}" -mwindows -e start hello.c "$WORK/version.res" -o versioned-x64.exe \
  -L"$WORK" -lws2_32-ordinals-x64 -loleaut32-ordinals-x64 -lkernel32 -luser32

# 5. Self-made signing material (once; committed, not secret): a root CA and a code-signing leaf.
if [[ ! -f test-signer.key ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout test-ca.key -out test-ca.crt -days 7300 \
    -subj "/C=XX/O=Watchfloor Test/CN=Watchfloor Test Root CA" -set_serial 0x1001 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -new -newkey rsa:2048 -nodes -keyout test-signer.key -out "$WORK/signer.csr" \
    -subj "/C=XX/O=Watchfloor Test/CN=Watchfloor Test Code Signing" 2>/dev/null
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n' > "$WORK/ext.cnf"
  openssl x509 -req -in "$WORK/signer.csr" -CA test-ca.crt -CAkey test-ca.key -set_serial 0x5EC0DE01 \
    -days 7300 -sha256 -extfile "$WORK/ext.cnf" -out test-signer.crt
fi
cat test-signer.crt test-ca.crt > "$WORK/chain.pem"

# 6. The versioned exe signed (SHA-256, fixed signing time; RSA PKCS#1 v1.5 signatures are deterministic).
rm -f signed-x64.exe
osslsigncode sign -certs "$WORK/chain.pem" -key test-signer.key -h sha256 -time "$SOURCE_DATE_EPOCH" \
  -n "Watchfloor signed fixture" -in versioned-x64.exe -out signed-x64.exe > /dev/null

# 7. Tampered after signing: one byte flipped inside .text (the first section's raw data, at its 16th byte).
cp signed-x64.exe tampered-x64.exe
text_raw=$(( $(od -An -tu4 -j $(( $(od -An -tu4 -j 60 -N4 tampered-x64.exe) + 24 + 240 + 20 )) -N4 tampered-x64.exe) ))
off=$(( text_raw + 16 ))
orig=$(od -An -tu1 -j "$off" -N1 tampered-x64.exe | tr -d ' ')
printf "$(printf '\\%03o' $(( orig ^ 0xff )))" | dd of=tampered-x64.exe bs=1 seek="$off" conv=notrunc status=none

chmod 0644 ./*.exe ./*.dll
sha256sum ./*.exe ./*.dll
