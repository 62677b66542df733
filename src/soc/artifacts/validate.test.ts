import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTIFACT_TYPES, type ArtifactType, type DetailsOf } from './types.ts';
import { validateArtifact } from './validate.ts';

function ok<T extends ArtifactType>(type: T, input: string): { value: string; details: DetailsOf<T> } {
  const r = validateArtifact(type, input);
  assert.ok(r.ok, `${type} ${JSON.stringify(input)} should be valid: ${r.ok ? '' : r.reason}`);
  return { value: r.value, details: r.details };
}

function bad(type: ArtifactType, input: string, reason: RegExp): void {
  const r = validateArtifact(type, input);
  assert.equal(r.ok, false, `${type} ${JSON.stringify(input)} should be rejected`);
  if (!r.ok) assert.match(r.reason, reason);
}

describe('validateArtifact', () => {
  it('rejects empty and oversized values for every type', () => {
    for (const type of ARTIFACT_TYPES) {
      bad(type, '', /empty/);
      bad(type, '   ', /empty/);
      bad(type, 'a'.repeat(3000), /longer than 2048/);
    }
  });

  describe('IP Address', () => {
    it('keeps canonical IPv4 and says private or public', () => {
      assert.deepEqual(ok('IP Address', ' 172.16.17.5 '), {
        value: '172.16.17.5',
        details: { type: 'IP Address', version: 4, range: 'private', scope: 'private' },
      });
      assert.deepEqual(ok('IP Address', '51.195.68.163').details, { type: 'IP Address', version: 4, range: 'unicast', scope: 'public' });
      assert.equal(ok('IP Address', '127.0.0.1').details.scope, 'private');
      assert.equal(ok('IP Address', '100.64.1.1').details.range, 'carrierGradeNat');
      assert.equal(ok('IP Address', '224.0.0.1').details.scope, 'special');
    });
    it('refangs', () => {
      assert.equal(ok('IP Address', '51[.]195[.]68[.]163').value, '51.195.68.163');
      assert.equal(ok('IP Address', '89.40.172(.)121').value, '89.40.172.121');
    });
    it('writes IPv6 in RFC 5952 form', () => {
      assert.deepEqual(ok('IP Address', '2001:0DB8:0000:0000:0000:0000:0000:0001'), {
        value: '2001:db8::1',
        details: { type: 'IP Address', version: 6, range: 'reserved', scope: 'special' },
      });
      assert.equal(ok('IP Address', '[2606:4700:0:0::1111]').value, '2606:4700::1111');
      assert.equal(ok('IP Address', '2606:4700::1111').details.scope, 'public');
      assert.equal(ok('IP Address', 'fd00::1').details.scope, 'private');
      assert.equal(ok('IP Address', 'fe80::1').details.range, 'linkLocal');
    });
    it('writes IPv4-mapped IPv6 with the IPv4 tail', () => {
      assert.deepEqual(ok('IP Address', '::FFFF:172.16.17.5'), {
        value: '::ffff:172.16.17.5',
        details: { type: 'IP Address', version: 6, range: 'private', scope: 'private', mappedIpv4: '172.16.17.5' },
      });
    });
    it('rejects junk, ambiguous and partial forms', () => {
      bad('IP Address', '256.1.1.1', /not an IPv4 address/);
      bad('IP Address', '010.1.1.1', /leading zeros/);
      bad('IP Address', '1.2.3', /not an IPv4 address/);
      bad('IP Address', '0x7f.0.0.1', /not an IP address/);
      bad('IP Address', '10.0.0.0/8', /CIDR/);
      bad('IP Address', 'fe80::1%eth0', /zone index/);
      bad('IP Address', '2001:db8:::1', /IPv6/);
      bad('IP Address', 'win-rar.com', /not an IP address/);
    });
  });

  describe('URL Address', () => {
    it('refangs and lower-cases scheme and host, keeping the path', () => {
      assert.deepEqual(ok('URL Address', 'HXXPS://WWW.Win-Rar[.]com/x'), {
        value: 'https://www.win-rar.com/x',
        details: { type: 'URL Address', scheme: 'https', host: 'www.win-rar.com', hostKind: 'domain', registrableDomain: 'win-rar.com', refanged: true },
      });
      assert.equal(ok('URL Address', 'hxxp[://]evil[.]example[.]org/Path/A.exe').value, 'http://evil.example.org/Path/A.exe');
    });
    it('leaves a canonical URL as it is', () => {
      const url = 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit';
      const r = ok('URL Address', url);
      assert.equal(r.value, url);
      assert.equal(r.details.refanged, false);
    });
    it('punycodes IDN hosts and recognises IP hosts', () => {
      assert.equal(ok('URL Address', 'https://München.de/ä').value, 'https://xn--mnchen-3ya.de/%C3%A4');
      const ip = ok('URL Address', 'http://89.40.172.121/pianificazione.exe');
      assert.equal(ip.details.hostKind, 'ip');
      assert.equal(ip.details.registrableDomain, null);
      assert.equal(ok('URL Address', 'http://[2001:DB8::1]:8080/').value, 'http://[2001:db8::1]:8080/');
    });
    it('keeps internal hosts but has no registrable domain for them', () => {
      assert.equal(ok('URL Address', 'http://intranet.letsdefend.local/a').details.registrableDomain, null);
    });
    it('rejects URLs without a scheme, with other schemes or broken hosts', () => {
      bad('URL Address', 'www.win-rar.com/x', /no scheme/);
      bad('URL Address', 'javascript://alert(1)', /unsupported scheme/);
      bad('URL Address', 'file:///etc/passwd', /unsupported scheme/);
      bad('URL Address', 'http://exa mple.com/', /not a valid URL/);
      bad('URL Address', 'http://-bad-.com/', /bad host/);
      bad('URL Address', 'http://a.com/\u0001', /control characters/);
    });
  });

  describe('Domain', () => {
    it('gives the registrable domain and the public suffix', () => {
      assert.deepEqual(ok('Domain', 'mail.example.co.uk'), {
        value: 'mail.example.co.uk',
        details: { type: 'Domain', registrableDomain: 'example.co.uk', publicSuffix: 'co.uk', subdomain: 'mail', privateSuffix: false },
      });
      assert.equal(ok('Domain', 'WIN-RAR.COM.').value, 'win-rar.com');
      assert.equal(ok('Domain', 'gavrilobtcapikey2884238984928[.]netsons[.]org').details.registrableDomain, 'netsons.org');
      assert.equal(ok('Domain', 'foo.blogspot.com').details.privateSuffix, true);
    });
    it('converts IDNs to punycode and keeps the Unicode form', () => {
      const r = ok('Domain', 'www.Münch-en.de');
      assert.equal(r.value, 'www.xn--mnch-en-n2a.de');
      assert.equal(r.details.unicode, 'www.münch-en.de');
    });
    it('rejects bare TLDs, public suffixes, unknown TLDs, IPs and URLs', () => {
      bad('Domain', 'com', /public suffix/);
      bad('Domain', 'co.uk', /public suffix/);
      bad('Domain', 'invoice.exe', /unknown top-level domain "\.exe"/);
      bad('Domain', '51.195.68.163', /use IP Address/);
      bad('Domain', 'https://win-rar.com/', /use URL Address/);
      bad('Domain', 'a..com', /empty label|not a valid domain/);
      bad('Domain', '-bad.com', /invalid label/);
      bad('Domain', `${'a'.repeat(64)}.com`, /invalid label/);
      bad('Domain', 'user@example.com', /not a domain name/);
    });
  });

  describe('hashes', () => {
    it('lower-cases hex of the right length', () => {
      assert.deepEqual(ok('MD5 Hash', '8B88EBBB05A0E56B7DCC708498C02B3E'), {
        value: '8b88ebbb05a0e56b7dcc708498c02b3e',
        details: { type: 'MD5 Hash', algorithm: 'md5', bits: 128 },
      });
      assert.equal(ok('SHA1 Hash', ' DA39A3EE5E6B4B0D3255BFEF95601890AFD80709 ').value, 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
      const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
      assert.equal(ok('SHA256 Hash', sha256.toUpperCase()).value, sha256);
    });
    it('rejects wrong lengths (naming the hash it looks like) and non-hex', () => {
      bad('MD5 Hash', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', /40 hex digits, 32 expected \(this looks like a SHA1 hash\)/);
      bad('SHA256 Hash', 'c74862e16bcc2b0e02cadb7ab14e3cd6', /looks like an MD5 hash/);
      bad('SHA1 Hash', 'abc', /3 hex digits, 40 expected$/);
      bad('MD5 Hash', 'g4862e16bcc2b0e02cadb7ab14e3cd6z', /not hexadecimal/);
    });
  });

  describe('E-mail Sender', () => {
    it('checks the addr-spec and lower-cases only the domain', () => {
      assert.deepEqual(ok('E-mail Sender', 'John.Doe@Mail.Example.CO.UK'), {
        value: 'John.Doe@mail.example.co.uk',
        details: { type: 'E-mail Sender', localPart: 'John.Doe', domain: 'mail.example.co.uk', registrableDomain: 'example.co.uk' },
      });
      assert.equal(ok('E-mail Sender', 'info[at]win-rar[.]com').value, 'info@win-rar.com');
      assert.equal(ok('E-mail Sender', '"odd local"@example.com').value, '"odd local"@example.com');
    });
    it('takes the address out of Name <address>', () => {
      const r = ok('E-mail Sender', '"Susie" <Susie@LetsDefend.io>');
      assert.equal(r.value, 'Susie@letsdefend.io');
      assert.equal(r.details.displayName, 'Susie');
    });
    it('rejects malformed addresses', () => {
      bad('E-mail Sender', 'no-at-sign.example.com', /not an e-mail address/);
      bad('E-mail Sender', '@example.com', /not an e-mail address/);
      bad('E-mail Sender', 'a..b@example.com', /invalid local part/);
      bad('E-mail Sender', 'a b@example.com', /invalid local part/);
      bad('E-mail Sender', `${'a'.repeat(65)}@example.com`, /longer than 64/);
      bad('E-mail Sender', 'user@localhost', /bad domain/);
    });
  });

  describe('E-mail Domain', () => {
    it('is a domain, with an optional leading @', () => {
      assert.equal(ok('E-mail Domain', '@LetsDefend.IO').value, 'letsdefend.io');
      assert.equal(ok('E-mail Domain', 'mail.example.co.uk').details.registrableDomain, 'example.co.uk');
      assert.equal(ok('E-mail Domain', 'mail.example.co.uk').details.type, 'E-mail Domain');
    });
    it('rejects addresses and bare TLDs', () => {
      bad('E-mail Domain', 'susie@letsdefend.io', /use E-mail Sender/);
      bad('E-mail Domain', 'io', /public suffix/);
    });
  });

  describe('File Name', () => {
    it('keeps the name and reports the extension', () => {
      assert.deepEqual(ok('File Name', ' winrar-x32-622.exe '), {
        value: 'winrar-x32-622.exe',
        details: { type: 'File Name', extension: 'exe', doubleExtension: false, hiddenCharacters: false },
      });
      assert.equal(ok('File Name', 'README').details.extension, null);
      assert.equal(ok('File Name', '.bashrc').details.extension, null);
    });
    it('flags double extensions and bidi tricks', () => {
      assert.equal(ok('File Name', 'Invoice.PDF.exe').details.doubleExtension, true);
      assert.equal(ok('File Name', 'archive.tar.gz').details.doubleExtension, false);
      assert.equal(ok('File Name', 'photo\u202Egpj.exe').details.hiddenCharacters, true);
    });
    it('rejects paths, control characters, dot names and long names', () => {
      bad('File Name', 'C:\\Users\\Susie\\Downloads\\winrar.exe', /a path/);
      bad('File Name', '/tmp/x.sh', /a path/);
      bad('File Name', 'a\u0000b.exe', /control characters/);
      bad('File Name', '..', /not a file name/);
      bad('File Name', `${'a'.repeat(252)}.exe`, /longer than 255/);
    });
  });

  describe('Hostname', () => {
    it('accepts RFC 1123 names keeping their case', () => {
      assert.deepEqual(ok('Hostname', 'SusieHost'), { value: 'SusieHost', details: { type: 'Hostname', form: 'dns', shortName: 'SusieHost' } });
      assert.deepEqual(ok('Hostname', 'SusieHost.letsdefend.local.').details, { type: 'Hostname', form: 'dns', shortName: 'SusieHost' });
      assert.equal(ok('Hostname', '3com-box').value, '3com-box');
    });
    it('accepts NetBIOS names that are not DNS labels', () => {
      assert.deepEqual(ok('Hostname', 'WEB_SRV01').details, { type: 'Hostname', form: 'netbios', shortName: 'WEB_SRV01' });
      assert.equal(ok('Hostname', "JOHN'S-PC").details.form, 'netbios');
    });
    it('rejects IPs, paths, bad labels and long NetBIOS names', () => {
      bad('Hostname', '172.16.17.5', /use IP Address/);
      bad('Hostname', 'LETSDEFEND\\Susie', /not a hostname/);
      bad('Hostname', 'bad_label.example.com', /not a valid DNS hostname/);
      bad('Hostname', 'host name', /not a valid hostname/);
      assert.equal(ok('Hostname', 'host-').details.form, 'netbios');
      bad('Hostname', 'A_VERY_LONG_NETBIOS_NAME', /at most 15/);
      bad('Hostname', 'host\tname', /control characters/);
    });
  });

  describe('Username', () => {
    it('accepts user, DOMAIN\\user and user@domain', () => {
      assert.deepEqual(ok('Username', 'Susie'), { value: 'Susie', details: { type: 'Username', form: 'plain', user: 'Susie', domain: null } });
      assert.deepEqual(ok('Username', 'LETSDEFEND\\Susie2020').details, { type: 'Username', form: 'down-level', user: 'Susie2020', domain: 'LETSDEFEND' });
      assert.deepEqual(ok('Username', 'susie@LetsDefend.local'), {
        value: 'susie@letsdefend.local',
        details: { type: 'Username', form: 'upn', user: 'susie', domain: 'letsdefend.local' },
      });
      assert.equal(ok('Username', '.\\Administrator').details.domain, '.');
      assert.equal(ok('Username', 'John Smith').value, 'John Smith');
    });
    it('rejects control characters, empty parts and forbidden characters', () => {
      bad('Username', 'su\u0007sie', /control characters/);
      bad('Username', 'LETSDEFEND\\', /empty user name/);
      bad('Username', 'a\\b\\c', /invalid character/);
      bad('Username', 'user@nodot', /invalid domain/);
      bad('Username', 'us:er', /invalid character/);
      bad('Username', 'x'.repeat(257), /longer than 256/);
    });
  });
});
