// The facts every support procedure needs, found in messy customer text without a regular
// expression from the admin: the version of the product the ticket is about, an error text, steps
// to reproduce, and the language. A declared fact of the same name (a field, a pattern, a word
// list) is tried first; these run when it finds nothing.

import { padNormalized } from './normalize-text.js';
import { PRERELEASE_TAIL } from './version-range.js';
import { hasQuote, needing, startingAt, type TextPattern } from './guarded-regex.js';

const DOTTED = /\d\.\d/;
/** After a number: what it counts ("1.250 medewerkers", "2.5 uur"). */
const COUNTED = /^\s*(?:medewerkers|werknemers|employees|users|gebruikers|fte|uur|hours|euro|eur|procent|percent|%|regels|lines|records|rows)\b/i;
/** A version's major: up to three digits, or a year ("Kassa 2025.2.7", year-based releases). */
const MAJOR = String.raw`(?:\d{1,3}|(?:19|20)\d\d)`;
/** "v9.4", "R25.2" (a release letter glued to the number, as vendors name releases): the number. */
const VERSION = new RegExp(String.raw`(?<![\w.,/:-])[vVrR]?(${MAJOR}(?:\.\d{1,4}){1,3})(?![\w%]|[.,]\d)`, 'g');
const VERSION_WORD = /(?:(?:versie|version|versienummer|version number|vers\.|ver\.|release|rel\.|build|update|patch|\bv|(?:about|info|over)\s*(?:says|zegt|shows|toont|geeft)?\s*:)\s*[:=]?|\b(?:versie|version|versienummer|version number)(?:\s+(?!(?:windows|android|ios|ipados|macos|chrome|edge|firefox|safari|office|java|sql|server|browser|firmware)\b)[a-zà-ÿ'’-]+){0,4}?\s+(?:is|was|=)|\b(?:we|wij|ik)\s+(?:(?:zitten|zit|werken|werk)\s+(?:nu\s+|momenteel\s+|nog\s+|sinds\s+kort\s+)?(?:op|met)|(?:draaien|draai)(?:\s+(?:nu|momenteel|nog))?(?:\s+(?:op|met|versie))?)|\b(?:draait|runs)\s+(?:(?:nu|nog|momenteel|now|still)\s+)?(?:op|met|versie|on|version)|\b(?:we(?:'re|’re|\s+are)|i(?:'m|’m|\s+am))\s+(?:currently\s+|still\s+|now\s+)?(?:on|running))\s*$/i;
/** Numbers that name something other than the product: platforms, protocols, document sections, money, times. */
const OTHER_THING = /(?<![a-z])(?:windows|win|sql\s*server|sql|server|chrome|edge|firefox|safari|browser|tls|ssl|http|https|java|jdk|jre|\.net|dotnet|node|python|php|ios|ipados|ipad\s*os|watchos|iphone|ipad|galaxy|samsung|pixel|android|office|excel|outlook|macos|os\s*x|ubuntu|debian|rhel|centos|postgres(?:ql)?|mysql|oracle|iis|section|sectie|paragraaf|hoofdstuk|artikel|article|chapter|page|pagina|stap|step|iso|pdf|camt|pain|xml|json|schema|swift|€|eur|usd|gbp|chf|ang|xcg|awg|srd|cad|aud|nzd|jpy|sek|nok|dkk|pln|czk|zar|\$|£|om|at|uur|tot|from\s+\d+|bedrag|amount|saldo|total|totaal|par\.?|para\.?|§|art\.|hfst\.?|h\.|blz\.?|p\.|pp\.|pag\.|nr\.|no\.)\s*[:]?\s*$/i;
/** "from 9.2 to ", "van Finance 9.8 naar ", "from Kroon Kassa 2025.2.7 to ": a product's name may stand before each number. */
const UPGRADE_FROM_TO = new RegExp(String.raw`\b(?:from|van|vanaf)\s+(?:\p{L}[\p{L}-]*\s+){0,2}(?:versie\s+|version\s+|[vr])?${MAJOR}(?:\.\d{1,4}){1,3}(?:\s*\([^()\n]{1,20}\))?\s+(?:to|naar|into|->|→)\s+(?:\p{L}[\p{L}-]*\s+){0,2}(?:versie\s+|version\s+|[vr])?$`, 'iu');
const UPGRADE_FROM = /\b(?:from|van|vanaf)\s+(?:versie\s+|version\s+|[vr])?$/i;
/** "upgraded to 2.7.1", "de update naar 7.3.0", "bijgewerkt naar 9.4": the version now in use. */
const UPGRADED_TO = /(?:upgrad\w*|updat\w*|ge[uü]pgrad\w*|ge[uü]pdat\w*|bijgewerkt|overgestapt|overgang|overgegaan|overgezet|omgezet|migrat\w*|gemigreerd|install\w*|ge[iï]nstalleerd|switched|moved)\b[^.\n]{0,20}?\b(?:naar|to|op|on)\s+(?:versie\s+|version\s+|[vr])?$/i;
/** A whole number after "versie", "version" or "release" ("versie 12"), not part of a dotted one; "v2" is too often an API's. */
const WHOLE_VERSION = /\b(?:versie|version|versienummer|release)\s*[:=]?\s*(\d{1,4})\b(?![.,/]\d)/gi;
const VERSION_AFTER = /^\s*(?:patch|release|update|hotfix|build|versie|version|service\s*pack|servicepack)\b/i;
/** "Versie: Veldhuis Payroll 7.1.4", "Versie staat rechtsonder: 9.9.3" on a line of its own: a labelled field, the strongest claim. */
const LABELLED = /(?:^|\n)[ \t]*(?:versie|version|productversie|product version|release)\b[^\n:]{0,25}:[^\n]{0,30}$/i;
/** After the number: the upgrade is still to come, so the number is not the version in use. */
const NOT_YET = /^[^.\n]{0,60}?\b(?:gepland|ingepland|planned|plan to|plannen|willen|want to|wish to|going to|gaan we|nog niet|not yet|binnenkort|soon|volgende week|next week|overwegen|considering)\b/i;
const LATEST = /\b(?:(?:de\s+)?(?:laatste|nieuwste|meest\s+recente|recentste)\s+(?:versie|release|update)|(?:the\s+)?(?:latest|newest|most\s+recent|current)\s+(?:version|release|update)|up[\s-]to[\s-]date)\b/i;

export interface VersionFound {
  readonly value: string | undefined;
  /** The customer claims a version without a number ("the latest"): not a version. */
  readonly claimed?: string;
  /** The version an upgrade or download is asked for: "we willen naar 7.4.2", "Connect 3.3 is out". */
  readonly target?: string;
  /** Another number read nearly as surely as the version ("firmware 4.03 … de andere boxen (4.07)"). */
  readonly rival?: string;
}

/** Before a number: the version someone wants to go to, in a sentence about upgrading or getting it. */
const TO_VERSION = /\b(?:naar|to|for|voor)\s+(?:[\p{L}-]+\s+)?(?:versie\s+|version\s+|[vr])?$/iu;
const MOVING = /\b(?:upgrad\w*|updat\w*|willen|wil|want|wish|plan\w*|install\w*|download\w*|package|pakket|overstappen|overgaan|migrat\w*|send|stuur\w*)\b/i;
/**
 * A version asked to be put on the customer's machines: "could you push firmware 4.2.0", "please
 * install 12.5.1" before it, "4.2.0 op de tablets zetten", "12.5.1 installeren" after it.
 */
const INSTALL_BEFORE = /\b(?:push|install|deploy|roll\s+out)\s+(?:[\p{L}-]+\s+){0,2}[vr]?$/iu;
const INSTALL_AFTER = /^\s*(?:\(?build\s*\d+\)?\s*)?(?:(?:op|naar|bij|on|to)\s+)?(?:[\p{L}-]+\s+){0,3}?(?:installeren|uitrollen|pushen|zetten|klaarzetten|plaatsen)\b/iu;
/** After a number: it has come out ("3.3 is out"; in a Dutch clause "dat 11.0 beschikbaar is"). */
const RELEASED = /^\s*(?:(?:is|has been|was)\s+(?:now\s+|nu\s+)?(?:out|uit|verschenen|released|uitgebracht|beschikbaar|available)\b(?!\s+(?:of|van|de|uit|support|ondersteuning))|(?:nu\s+|inmiddels\s+)?(?:uit|verschenen|uitgebracht|beschikbaar)\s+(?:is|zijn|komt)\b)/i;

/**
 * The version of the product in the text: the number next to the product's name or to a word
 * such as "versie"; in an upgrade "from X to Y", Y; never a platform's, a section's or an amount.
 * `productWords` are the names of the product the ticket is about (lower case); `anyProductWords`
 * those of every product, which count for less.
 */
/**
 * "2025 SP2", "versie 2025 servicepack 1", "8.2 SP3", "2026.10 SR2", "KH 2026-04 SR2", "2026.2 SP1": a
 * release and its service pack or service release, read as 2025.2, 8.2.3, 2026.10.2, 2026.04.2 and
 * 2026.2.1, a version by its own words (as "v2025.2").
 */
const SERVICE_PACK = /(?<![\w.,/:-])((?:19|20)\d\d(?:[.-](?:0[1-9]|1[0-2]|[1-9](?!\d)))?|\d{1,3}(?:\.\d{1,4}){1,2})[ \t]*[-–]?[ \t]*(?:sp|service[ \t]*pack|servicepack|sr|service[ \t]*release)[ \t]*(\d{1,2})(?!\w)/gi;

/** "2026.1": a year and its release, as the contracts of a product released so count them. */
const YEAR_DOT_RELEASE = /^(?:19|20)\d\d\.\d{1,2}$/;

/**
 * "8 update 4", "8u4", "V8U5": a major and its update, as 8.4 (the numbering of Java and of many vendors).
 * Not "8u00", "12u30": the Flemish time of day ("dinsdag 8u00-12u30"), an hour and its minutes.
 */
const MAJOR_UPDATE = /(?<![\w.,/:-])(?![vV]?(?:[01]?\d|2[0-4])[uU][0-5]\d(?!\d))[vV]?(\d{1,3})(?:[ \t]+(?:update|upd\.?)[ \t]*|[uU])(\d{1,3})(?![\w.,]\d|\w)/gi;
/** "firmware 2026-09", "versie 2025-10": a release named by its year and month, as 2026.09. */
const MONTH_RELEASE = /\b(firmware|fw|versie|version|release)([ \t]*[:#]?[ \t]*)((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![\d-])/gi;

/** "2026 R2", "2026R1": a year's second release, as 2026.2 (the numbering of many yearly-released products). */
const YEAR_RELEASE = /(?<![\w.,/:-])((?:19|20)\d\d)[ \t]?[rR][ \t]?([1-9])(?!\w|[.,]\d)/g;

/** The text with release parts written as one number: service packs, updates, month releases, a year's releases. */
export function releaseParts(text: string): string {
  let out = text;
  if (/\d[ \t]?[rR][ \t]?[1-9]/.test(out)) out = out.replace(YEAR_RELEASE, 'v$1.$2');
  if (/sp|pack|sr|release/i.test(out)) out = out.replace(SERVICE_PACK, (_, base: string, n: string) => `v${base.replace('-', '.')}.${n}`);
  if (/\du|upd/i.test(out)) out = out.replace(MAJOR_UPDATE, 'v$1.$2');
  if (/\d-[01]\d/.test(out)) out = out.replace(MONTH_RELEASE, '$1$2v$3.$4');
  return out;
}

/** Three parts that cannot be a date ("3.13.2", "7.2.10"; not "3.12.26", the 3rd of December '26). */
const PLAIN_VERSION = /^\d{1,3}\.(?:1[3-9]|[2-9]\d|\d{3,4})\.\d{1,4}$|^\d{1,3}\.\d{1,2}\.\d$/;

/** The line of a plain number says nothing of another maker and is no table row (where a column names what it is). */
function plainLine(text: string, at: number, length: number): boolean {
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  const line = text.slice(start, end < 0 ? text.length : end);
  if (/\S(?: {3,}|\t|\s\|\s)\S/.test(line)) return false;
  return !byOtherMaker(text.slice(start, at), line.slice(at - start + length));
}

/** A text's words, lower case: runs of letters and digits. */
const wordsIn = (part: string): string[] => part.toLowerCase().split(/[^\p{L}\d]+/u).filter((w) => w !== '');

/**
 * Whether a number is another maker's by the words around it: one of the three before it (`before`
 * ends where the number starts) or the first after it (`after` starts where it ends) names one.
 */
function byOtherMaker(before: string, after: string): boolean {
  return [...wordsIn(before).slice(-3), ...wordsIn(after).slice(0, 1)].some((w) => OTHER_MAKERS.has(w));
}

/** How much less surely a second number may be read and still rival the version. */
const RIVAL_MARGIN = 0;
/** "9.4" and "9.4.1" are one release told twice, not two versions. */
const sameRelease = (a: string, b: string): boolean => a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** A whole release: after a word for one or an "r" ("release 48", "r46", "versie 47"), or after the product's name ("Bedrijf 49"). */
const WHOLE_RELEASE = /(?<![\w.,/:-])(?:(versie|version|versienummer|release|rel\.)[ \t]*[:#]?[ \t]*|(r))?(\d{1,3})(?![\w%]|[.,:]\d)/gi;
/** After the number: it is a part of something ("release 2 van de handleiding", "version 3 of the form"). */
const PART_OF = /^\s*(?:van|of|uit|from)\s+(?:de|het|the|onze|our|deze|this)\b/i;

/** The whole release in use, scored as findVersion scores numbers with a dot: the product's name, a word for a version, an upgrade's target. */
function findWholeRelease(text: string, productWords: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const m of text.matchAll(WHOLE_RELEASE)) {
    const [whole, word, letter, number] = m;
    const at = m.index;
    const before = text.slice(Math.max(0, at - 40), at).toLowerCase();
    const after = text.slice(at + whole.length, at + whole.length + 60);
    if (OTHER_THING.test(before.slice(-18)) || COUNTED.test(after) || PART_OF.test(after) || GUESSED.test(before)) continue;
    const words = wordsOf(before);
    const named = productWords.some((w) => words.endsWith(` ${w} `));
    let score = (word !== undefined || letter !== undefined ? 3 : 0) + (named ? 5 : 0);
    if (score === 0) continue;
    if (UPGRADE_FROM.test(before)) score -= 4;
    else if (UPGRADED_TO.test(before) || IN_USE.test(before)) score += NOT_YET.test(after) ? -3 : 3;
    if (score >= 3 && score >= bestScore) {
      best = number;
      bestScore = score;
    }
  }
  return best;
}

/** "E8b", "6d", "E7": a release letter, a number and a patch letter, standing alone after a space. */
const LETTERED = /(?<=[ \t(])[A-Z]?(\d{1,2})([a-h])?(?![\w.,/-])/g;
const DIGIT_LETTER = /\d[a-h]/;
/** Before a version number: a phrase that it is the one in use ("we are on", "wij zitten op", "draait"). */
const IN_USE = /(?:\b(?:we|wij|ik)\s+(?:(?:zitten|zit|werken|werk)\s+(?:nu\s+|momenteel\s+|nog\s+|sinds\s+kort\s+)?(?:op|met)|(?:draaien|draai)(?:\s+(?:nu|momenteel|nog))?(?:\s+(?:op|met))?)|\b(?:draait|runs)\s+(?:(?:nu|nog|momenteel|now|still)\s+)?(?:op|met|on)|\b(?:we(?:'re|’re|\s+are)|i(?:'m|’m|\s+am))\s+(?:currently\s+|still\s+|now\s+)?(?:on|running))\s*(?:de\s+|the\s+)?$/i;

/** The text without a number and the build told with it ("3.7.2 (build 741)"): what else may be a version. */
function withoutNumber(text: string, number: string): string {
  let out = text;
  for (let at = out.indexOf(number); at >= 0; at = out.indexOf(number, at + 1)) {
    const build = /^\s*\(?\s*(?:build|b)\s*\d{1,6}\s*\)?/i.exec(out.slice(at + number.length));
    out = `${out.slice(0, at)} ${out.slice(at + number.length + (build?.[0].length ?? 0))}`;
  }
  return out;
}

/**
 * The customer says they do not know the version ("Welke firmware erop staat weet ik niet", "not
 * sure which version", "het versienummer kan ik niet vinden", "5-something, I'd have to check").
 */
const UNKNOWN_VERSION = /\b(?:welke|which|what)\s+(?:versie|version|firmware|release|build)\b[^.?!\n]{0,50}?\b(?:weet\s+ik\s+niet|weten\s+we\s+niet|weet\s+ik\s+even\s+niet|niet\s+zeker|(?:don[’']?t|do\s+not)\s+know|not\s+sure|no\s+idea)\b|\b(?:(?:don[’']?t|do\s+not)\s+know|not\s+sure|no\s+idea)\s+(?:which|what)\s+(?:versie|version|firmware|release|build)\b|\b(?:versie|version|firmware)\s+(?:weet\s+ik\s+niet|onbekend|unknown)\b|\b(?:versie\w*|version(?:\s+number)?|firmware|build)\b[^.?!\n]{0,40}?(?:kan\s+ik\s+niet\s+vinden|niet\s+(?:kunnen\s+)?vinden|niet\s+te\s+vinden|can[’']?t\s+find|cannot\s+find|could\s*n[o’']?t\s+find|have\s+to\s+check|need\s+to\s+check|will\s+check|moet\s+ik\s+(?:nog\s+)?(?:even\s+)?(?:nakijken|opzoeken|navragen|checken|nazien))|\b\d+-(?:something|iets)\b|\biets\s+met\s+v?\d/i;

/** The words in which the customer says they do not know the version, or undefined. */
export function disclaimedVersion(text: string): string | undefined {
  return UNKNOWN_VERSION.exec(text)?.[0];
}

const ANY_DIGIT = /\d/;
/** A word every match of LATEST holds. */
const CLAIM_WORD = /laatste|nieuwste|recent|latest|newest|current|date/i;

/**
 * False when findVersion can read nothing, not even a claim, in any text made of these texts'
 * lines (the customer's own text is): no digit and no word of a claimed version. Lets a caller skip
 * cutting quotes and signatures from a text it would read for nothing.
 */
export function mayReadVersion(...texts: readonly string[]): boolean {
  return texts.some((t) => ANY_DIGIT.test(t) || CLAIM_WORD.test(t));
}

/** What findVersion reads in a text without a digit: at most a version claimed in words. */
function claimedOnly(text: string): VersionFound {
  const latest = LATEST.exec(text);
  return latest === null ? { value: undefined } : { value: undefined, claimed: latest[0] };
}

/** Text as product words are written: lower case, without accents, punctuation as spaces (the length may change). */
const wordsOf = (text: string): string => padNormalized(text).replace(/ +$/, ' ');

/**
 * `wholeReleases`: the product's contracts count whole releases (`>=44`), so "release 48", "r46" and
 * "Bedrijf 49" are versions of it. `yearReleases`: they count a year's releases (`>=2025.2`), so
 * "2026.1" is one wherever it stands.
 */
export function findVersion(rawText: string, productWords: readonly string[], anyProductWords: readonly string[], wholeReleases = false, yearReleases = false): VersionFound {
  // Every reading below starts from a digit; without one only a claimed version ("the latest") is
  // left, and half of all tickets have none. A reading that needs no digit must go above this.
  if (!ANY_DIGIT.test(rawText)) return claimedOnly(rawText);
  const text = releaseParts(rawText);
  let best: string | undefined;
  let bestScore = 0;
  /** The pre-release part written after the best number ("-rc.1"), kept in the value read. */
  let bestPre = '';
  let target: string | undefined;
  let targetReleased = false;
  /** The target was named as the end of a way "from … to …". */
  let targetFromTo = false;
  /** The three-part numbers nothing speaks against ("App: 3.13.2 (build 893)"), distinct. */
  const plain = new Map<string, string>();
  /** Every number read as a version, with its score: the runner-up may be a rival. */
  const read: { number: string; score: number }[] = [];
  // Most texts without a version have no dotted number at all: skip the scoring then.
  for (const m of DOTTED.test(text) ? text.matchAll(VERSION) : []) {
    const number = m[1] as string;
    const at = m.index;
    const before = text.slice(Math.max(0, at - 40), at).toLowerCase();
    // The product's words are normalised ("vonk rontgen"): so is the text they are looked for in
    // ("Vonk Röntgen 6.4", "Veldhuis-Finance 9.4").
    const words = wordsOf(before);
    const near = words.slice(-14);
    // A date (1.10.2026), a time (10.30 uur) or an IP address is not a version.
    // ("25.2.118" is a build: no year has three digits.)
    if (/^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})$/.test(number) && Number(number.split('.')[2]) > 31) continue;
    // "2026.12.06" is a date written year first; "2025.2.7" a year-based version's patch.
    if (/^(?:19|20)\d\d\.(?:0[1-9]|1[0-2])\.(?:0[1-9]|[12]\d|3[01])$/.test(number)) continue;
    if (number.split('.').length === 4 && number.split('.').every((p) => Number(p) <= 255) && !VERSION_WORD.test(before)) continue;
    // "We zitten op 1.250 medewerkers": a count, not a version.
    if (COUNTED.test(text.slice(at + m[0].length, at + m[0].length + 20))) continue;
    let score = 0;
    if (VERSION_WORD.test(before) || /^[vr]/i.test(m[0]) || (yearReleases && YEAR_DOT_RELEASE.test(number))) score += 3;
    // The sentence up to the number: "We willen voor de jaarwisseling naar 7.4.2".
    const lead = text.slice(Math.max(0, at - 80), at).split(/[.!?\n](?=\s)/).at(-1) ?? '';
    const released = RELEASED.test(text.slice(at + number.length, at + number.length + 30));
    const aimed = (TO_VERSION.test(lead) && MOVING.test(lead)) || released || INSTALL_BEFORE.test(lead) || INSTALL_AFTER.test(text.slice(at + number.length, at + number.length + 50));
    const window = words;
    // Right after the product's name ("Voorraad 5.9 (de winkels zitten al op 6.3)") counts a
    // little more than further on, so that a later number in the same breath does not win the tie.
    if (productWords.some((w) => near.includes(w))) score += 5;
    else if (productWords.some((w) => window.includes(w))) score += 4;
    else if (anyProductWords.some((w) => window.includes(w))) score += 1;
    if (UPGRADE_FROM_TO.test(before)) score += 4;
    else if (UPGRADE_FROM.test(before)) score -= 4;
    else if (UPGRADED_TO.test(before)) score += NOT_YET.test(text.slice(at + number.length, at + number.length + 60)) ? -3 : 3;
    if (LABELLED.test(before)) score += 3;
    // "Since the 3.8.2 patch", "de 2025.2 release": a word for a version after the number.
    else if (VERSION_AFTER.test(text.slice(at + m[0].length, at + m[0].length + 16))) score += 3;
    if (OTHER_THING.test(before.slice(-18))) score -= 5;
    // Not "move the database server to 16.0": a target is a number of the product, not of a platform.
    // The version asked for ("send us the package for 10.4") outranks one mentioned as released.
    // The way "from 8 CU24 to 9 CU11" names outranks a later "(naar 8 CU24)" told of the last upgrade.
    const fromTo = UPGRADE_FROM_TO.test(before);
    if (aimed && score >= 0 && (!released || targetReleased || target === undefined) && (fromTo || !targetFromTo)) {
      target = number;
      targetReleased = released && !(TO_VERSION.test(lead) && MOVING.test(lead));
      targetFromTo = fromTo;
    }
    // "Finance 11.0 is out": a release announced is not the one in use; another mention wins over it.
    if (released) score -= 2;
    if (score >= 0 && !released && !aimed && PLAIN_VERSION.test(number) && plainLine(text, at, m[0].length)) plain.set(number, prereleaseAfter(text, at + m[0].length));
    if (score >= 3 && !released && !aimed) read.push({ number, score });
    // Later mentions of the same strength win: an upgrade story ends with the version now in use.
    if (score >= 3 && score >= bestScore) {
      best = number;
      bestScore = score;
      bestPre = prereleaseAfter(text, at + m[0].length);
    }
  }
  const aim = target === undefined ? {} : { target };
  if (best !== undefined) {
    // The version moved to or asked for is the request's; the one it leaves is no rival of it.
    const rival = best === target ? undefined : read.findLast((r) => r.number !== best && r.score >= bestScore - RIVAL_MARGIN && !sameRelease(r.number, best as string));
    const value = best + bestPre;
    return rival === undefined ? { value, ...aim } : { value, rival: rival.number, ...aim };
  }
  // One "3.13.2" in a ticket about a known product, nothing saying it is something else's: a
  // number of three parts that no date can be is a version, and no other one is in sight.
  const latest = LATEST.exec(text);
  // Not when another number is written as a version ("terminal software 4.1.3 … Box: FW 4.7"): which one is the product's is then a guess.
  if (plain.size === 1 && productWords.length > 0 && latest === null && !UNKNOWN_VERSION.test(text) && findVersionHint(withoutNumber(text, [...plain.keys()][0] as string)) === undefined) {
    const [number, pre] = [...plain][0] as [string, string];
    return { value: number + pre, ...aim };
  }
  // "versie 12", "Profit version 5": a whole number right after a word for a version, when no
  // dotted number was one (products numbered 11, 12, 13…); not a platform's ("Windows version 11").
  // Only next to the product's name or as a labelled field ("Versie: 12"): "release 2 van de bijlage" is
  // none, and "we zitten op versie 7" is no version of a product whose contracts count 7.2 (see findWholeRelease).
  for (const m of /versi|release/i.test(text) ? text.matchAll(WHOLE_VERSION) : []) {
    const before = text.slice(Math.max(0, m.index - 30), m.index).toLowerCase();
    const labelled = /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, m.index - 2), m.index)) && /^\w+\s*:/.test(m[0]);
    const words = wordsOf(before);
    if (!labelled && !productWords.some((w) => words.includes(w))) continue;
    if (OTHER_THING.test(before.slice(-18)) || COUNTED.test(text.slice(m.index + m[0].length, m.index + m[0].length + 20))) continue;
    return { value: m[1] as string, ...aim };
  }
  if (wholeReleases) {
    const release = findWholeRelease(text, productWords);
    if (release !== undefined) return { value: release, ...aim };
  }
  // "Akker Export E8b", "Export 6d": a release with a patch letter right after the product's name
  // (b is 2): E8b reads as 8.2, as contracts count them.
  // Only a match with a patch letter counts, and that needs a digit right before a small letter.
  if (productWords.length > 0 && DIGIT_LETTER.test(text)) {
    for (const m of text.matchAll(LETTERED)) {
      const [, number, patch] = m;
      // A patch letter says it is a release; "T2", "H7" after "aangifte" are kinds of declaration.
      if (patch === undefined) continue;
      const before = wordsOf(text.slice(Math.max(0, m.index - 30), m.index)).replace(/ (?:versie|version|release) $/, ' ');
      if (!productWords.some((w) => before.endsWith(` ${w} `))) continue;
      return { value: `${number as string}.${patch.toLowerCase().charCodeAt(0) - 96}`, ...aim };
    }
  }
  return latest === null ? { value: undefined, ...aim } : { value: undefined, claimed: latest[0], ...aim };
}

/** "-rc.1" for a version followed by "-rc.1", " RC1" or "-RC-1"; "" when no pre-release part follows. */
function prereleaseAfter(text: string, end: number): string {
  const m = PRERELEASE_TAIL.exec(text.slice(end, end + 16));
  if (m === null) return '';
  const tag = (m[1] ?? m[3] ?? '').toLowerCase();
  const n = m[2] ?? m[4];
  return `-${tag}${n === undefined ? '' : `.${n}`}`;
}

/**
 * A number where a version would stand that findVersion did not take as one: after a word for a
 * version ("release 48", "firmware 4.07", "FW 4.7", "build 881"), glued to a release letter ("r47",
 * "v9"). A number right after the product's name is not one: "kassa 3" is a till.
 */
const VERSION_HINT = /(?<![\w.,/:-])(?:(?:versie|version|versienummer|release|rel\.|build|firmware|fw|update|patch|servicepack|service[ \t]+pack)[ \t]*[:#]?[ \t]*([a-z]{0,2}\d{1,4}(?:[.-]\d{1,4}){0,3}[a-z]?)|[rv]\d{1,4}(?:\.\d{1,4}){0,3})(?![\w%]|[.,]\d)/gi;
/** Another maker's version ("Excel 365 version 2410", "Android versie 13", "v2 API"): not the product's. */
const OTHER_MAKERS = new Set(['windows', 'win', 'server', 'sql', 'chrome', 'edge', 'firefox', 'safari', 'browser', 'java', 'net', 'dotnet', 'ios', 'ipados', 'android', 'office', 'excel', 'outlook', 'macos', 'ubuntu', 'iphone', 'ipad', 'samsung', 'galaxy', 'pixel', 'api', 'tls', 'ssl', 'http', 'https', 'exact', 'afas', 'twinfield']);
/** A guess is not a version, by the procedure ("volgens mij versie 7", "I think version 9"). */
const GUESSED = /\b(?:volgens\s+mij|denk\s+ik|ik\s+denk|geloof\s+ik|ik\s+geloof|waarschijnlijk|misschien|i\s+think|i\s+believe|probably|maybe|possibly)\b[^.\n]{0,30}$/i;

/**
 * What may be the version in a text where none was read: the words that look like one, for a person
 * to check before the customer is asked for what they may already have given.
 */
export function findVersionHint(text: string): string | undefined {
  // Every hint holds a digit.
  if (!ANY_DIGIT.test(text) || UNKNOWN_VERSION.test(text)) return undefined;
  for (const m of text.matchAll(VERSION_HINT)) {
    const at = m.index;
    const end = at + m[0].length;
    if (byOtherMaker(text.slice(Math.max(0, at - 30), at), text.slice(end, end + 12)) || GUESSED.test(text.slice(Math.max(0, at - 60), at))) continue;
    return m[0];
  }
  return undefined;
}

/** A message code with its text: ERR-1234, BNK-2041, ORA-00942, LA-0917, AADSTS50011. */
const MESSAGE_CODE = /\b(?:[A-Z]{2,8}-\d{2,6}|AADSTS\d{4,6}|0x[0-9A-F]{8})\b[^\n]{0,160}/;

/** A line that ends in a colon (spaces and tabs after it allowed): what E20's look-behind needs. */
function hasColonLineEnd(text: string): boolean {
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) {
    let k = at + 1;
    while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
    if (text.charCodeAt(k) === 10) return true;
  }
  return false;
}

/**
 * The words every match of the numbered-error patterns starts with. In `/iu` only K (Kelvin) and ſ
 * fold to ASCII letters, and neither word has a k or an s: the ASCII scan finds every start.
 */
const FOUT_OR_ERROR = /fout|error/i;
/** A word each of E2's messages holds (`/i` without `u`: only ASCII letters match ASCII ones). */
const UNEXPECTED_WORDS = /error|wrong|fout|iets mis/i;

// Each guard (see guarded-regex.ts) is a test or a scan that every match passes: the quote that
// opens a quoted message, a word every alternative holds.
const ERROR_PATTERNS: readonly TextPattern[] = [
  MESSAGE_CODE,
  // "Foutcode 0012 - Het aantal gewerkte uren ontbreekt", "error code 4031: …": a numbered code with its text.
  startingAt(/\b(?:foutcode|error\s*code|errorcode|foutnummer|error\s*number|fout|error)\s*(?:nr\.?\s*|no\.?\s*|#\s*)?\d{3,6}\s*[-–:]\s*\p{L}[^\n]{8,160}/iu, FOUT_OR_ERROR),
  // The message an application shows when it fails: "Unexpected error (ref 7f3a). Please try again later."
  needing(/^[^\n]{0,40}\b(?:unexpected error|an (?:unexpected )?error (?:has )?occurred|something went wrong|er is een (?:onverwachte )?fout opgetreden|onverwachte fout|er ging iets mis|er is iets misgegaan)\b[^\n]*$/im, (t) => UNEXPECTED_WORDS.test(t)),
  // An HTTP failure.
  /\b(?:HTTP(?:\/\d(?:\.\d)?)?\s*(?:status\s*)?[45]\d\d\b[^\n]{0,80}|[45]\d\d\s+(?:Internal Server Error|Bad Request|Not Found|Unauthorized|Forbidden|Unprocessable Entity|Bad Gateway|Service Unavailable|Gateway Timeout|Conflict|Too Many Requests)\b)/i,
  /\b(?:returns?|returned|geeft|gaf|retourneert|krijgen|krijg|get|got|status(?:code)?)\s+(?:een\s+|an?\s+)?(?:HTTP\s*)?[45]\d\d\b/i,
  // An exception or error type, a stack trace, a log line.
  needing(/\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\b(?:\s*:[^\n]{0,160})?/, (t) => t.includes('Exception') || t.includes('Error')),
  /^\s+at\s+[\w.$<>]+\s*\(|Traceback \(most recent call last\)/m,
  needing(/^[^\n]*\b(?:ERROR|FATAL|SEVERE|CRITICAL)\b[^\n]*$/m, (t) => t.includes('ERROR') || t.includes('FATAL') || t.includes('SEVERE') || t.includes('CRITICAL')),
  // "foutmelding: …", "error: …", "the message says …" with the text on the same or the next line.
  /\b(?:foutmelding|melding|foutcode|fout|error(?: message)?|message|bericht|tekst|text)\s*(?:is|was|zegt|luidt|says|reads)?\s*:\s*\n?\s*\S[^\n]{3,200}/i,
  // A quoted message in a sentence about an error (an apostrophe inside a word is no quote).
  needing(/\b(?:foutmelding|melding|fout|error|message|popup|pop-up|warning|waarschuwing)\b(?:[^\n]{0,80}?|[^\n]{0,80}\n\s*)(?:["“„«]|(?<![\p{L}\d])['‘])[^"”»\n]{6,200}?(?:["”»]|['’](?![\p{L}]))/iu, hasQuote),
  needing(/(?:["“„«]|(?<![\p{L}\d])['‘])[^"”»\n]{6,200}?(?:["”»]|['’](?![\p{L}]))[^\n]{0,40}\b(?:foutmelding|melding|error|message|verschijnt|appears|komt)\b/iu, hasQuote),
  // A log excerpt: two lines that start with a timestamp, year first or last ("22-10-2026 14:02:11"), or a time of day.
  /^\s*\[?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}[^\n]*\n\s*\[?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}[^\n]*/m,
  /^\s*\[?\d{1,2}[-/.]\d{1,2}[-/.]\d{4}[ T]\d{1,2}:\d{2}[^\n]*\n\s*\[?\d{1,2}[-/.]\d{1,2}[-/.]\d{4}[ T]\d{1,2}:\d{2}[^\n]*/m,
  /^\s*\[?\d{2}:\d{2}:\d{2}\b[^\n]*\n\s*\[?\d{2}:\d{2}:\d{2}\b[^\n]*/m,
  // "(code G-502)", "foutmelding 'E-17'", "error 'AL-1'": a short code the message shows.
  /\b(?:code|foutcode|errorcode|error\s*code)\s*:?\s*[A-Z]{1,3}-?\d{2,6}\b[^\n]{0,160}/,
  needing(/\b(?:foutmelding|melding|fout|error|message)\s*:?\s*['"‘“][A-Z]{1,4}-?\d{1,5}['"’”][^\n]{0,160}/i, hasQuote),
  // What the product shows, quoted after a verb of showing, saying or refusing: "de handhelds geven
  // 'Onbekende code'", "the screen says 'Seat already taken'", "keurt ze af met 'Ongeldige barcode'":
  // the message, whatever its words.
  needing(/\b(?:geeft|geven|gaf|gaven|toont|tonen|toonde|zegt|zeggen|zei|meldt|melden|meldde|says|said|shows|showed|displays|displayed|gives|gave|returns|returned|throws|threw|verschijnt|verscheen|appears|keurt|keuren|keurde|afgekeurd|weigert|weigeren|weigerde|geweigerd|rejects|rejected|refuses|refused)\b[^\n"“„«'‘.]{0,30}(?:["“„«]|(?<![\p{L}\d])['‘])[^"”»\n]{4,160}?(?:["”»]|['’](?![\p{L}]))/iu, hasQuote),
  // A quoted message that says something failed: "Er ging iets mis (…). Uw betaling is ontvangen",
  // "Handtekening kon niet worden opgeslagen (fout 0x80)", "Could not save the signature".
  needing(/["“„«][^"”»\n]{0,120}?\b(?:kon niet|kan niet|konden niet|could not|couldn't|cannot|can't|unable to|failed to|mislukt|niet gelukt)\b[^"”»\n]{0,200}["”»]/i, hasQuote),
  needing(/["“„«][^"”»\n]{0,120}?\b(?:er ging iets mis|er is iets misgegaan|er is een (?:onverwachte )?fout opgetreden|something went wrong|an (?:unexpected )?error (?:has )?occurred|unexpected error)\b[^"”»\n]{0,200}["”»]/i, hasQuote),
  // "fout 17: database vergrendeld", "error 42: lock timeout": a short numbered error with its text.
  startingAt(/\b(?:fout|error|foutcode|error\s*code)\s*\d{2,6}\s*:\s*\p{L}[^\n]{8,160}/iu, FOUT_OR_ERROR),
  // "Aan de balie krijg je bij Uitlening > Verlengen:" over "Verlenging mislukt: ongeldige datum
  // (…)": a line of its own, under one that ends in a colon, that says what failed and how.
  needing(/(?<=:[ \t]*\n(?:[ \t]*\n)?)[ \t]*\p{L}[^\n]{0,60}?\b(?:mislukt|niet gelukt|failed|kon niet|could not|ongeldige?|invalid|niet gevonden|not found|geweigerd|denied|niet toegestaan|not allowed)\b[^\n]{0,10}:[^\n]{3,160}/iu, hasColonLineEnd),
];

/** The error text quoted in the ticket: a message code, an HTTP failure, an exception, a log line or a quoted message. */
/** "No error message", "geen foutmelding": a negated mention is no error text. */
const NEGATED = /\b(?:no|not\s+an?|without|geen|zonder)\s+(?:\w+\s+)?$/i;

const REFERENCE_WORD = /\b(?:ref|reference|kenmerk|ticket|incident|case|zaak|zaaknummer|dossiernummer|order|ordernummer|factuur|factuurnummer|invoice|po)\b/i;
const REFERENCE = /\b((?:our |your |ons |uw )?(?:ref|reference|kenmerk|ticket(?:nummer| number)?|incident|case|zaak|zaaknummer|dossiernummer|order(?:nummer)?|factuur(?:nummer)?|invoice|po)\b\.?)[ \t]*(?:(?:nr|no|number|nummer)\.?[ \t]*)?[:#]?[ \t]*[A-Z0-9]+(?:[-/][A-Z0-9]+)+\b/gi;

/** A Jira key ("VNK-125"): its project's prefix. */
const ISSUE_KEY = /^([A-Z][A-Z0-9]{1,9})-\d+$/;
const otherIssues = new Map<string, RegExp>();

/**
 * `ownKey`: the ticket's own id. A Jira issue's key names its project, and "Status VNK-106?" names
 * another issue of that project, not a message code such as LSP-0420.
 */
export function findErrorText(rawText: string, ownKey?: string): string | undefined {
  const project = ownKey === undefined ? undefined : ISSUE_KEY.exec(ownKey)?.[1];
  let text = rawText;
  if (project !== undefined && text.includes(`${project}-`)) {
    let re = otherIssues.get(project);
    if (re === undefined) otherIssues.set(project, (re = new RegExp(String.raw`\b${project}-\d+\b`, 'g')));
    text = text.replace(re, 'ticket');
  }
  // "Ref NG-INC-21131", "ons kenmerk ZK-2026-118": someone's reference number, not a message code
  // (a reference inside a message, "Unexpected error (ref 7f3a-22c1)", still leaves the message).
  const withoutReferences = REFERENCE_WORD.test(text) ? text.replace(REFERENCE, '$1') : text;
  for (const re of ERROR_PATTERNS) {
    const source = re === MESSAGE_CODE ? withoutReferences : text;
    const m = re.exec(source);
    if (m !== null && !NEGATED.test(source.slice(Math.max(0, m.index - 24), m.index))) return m[0].trim().slice(0, 200);
  }
  return undefined;
}

/**
 * What every pattern of doing it again holds: "repro" (reproduce, te reproduceren, gereproduceerd),
 * "nage" (nagebootst, nagespeeld, nagedaan), "replicated". One expression, not an `includes` per
 * word: V8 searches a short word at some 0.7 ns a character, a literal alternation faster.
 */
const REDONE = /repro|nage|replicated/i;
/** The words of what happened next that the did-then-happened pattern ends in. */
const THEN_WORDS = /daarna|daarop|en toen|sindsdien|after that|since then|and then/i;
/** The "…, dan/then" every condition-and-consequence pattern ends in. */
const THEN_AFTER_COMMA = /,\s*(?:dan|then)\s/i;

/** A menu path: Bankieren > Afschriften > Importeren. */
const MENU_PATH = /[\p{L}][^\n>]{1,40}\s(?:>|->|→|»)\s[^\n>]{1,40}\s(?:>|->|→|»)\s\S/u;

/** A steps heading that only points at an attachment ("Steps to reproduce: see attached log"). */
const ATTACHMENT_POINTER = String.raw`(?:see|zie|check|in)\s+(?:the\s+|de\s+|het\s+)?(?:attached|attachment|bijlage|bijgevoegde?|log)\b`;
const POINTS_AT_ATTACHMENT = new RegExp(String.raw`^\s*${ATTACHMENT_POINTER}`, 'i');
const STEPS_HEADING = /(?:^|\n)\s*(?:stappen(?:\s+om\s+te\s+reproduceren)?|steps(?:\s+to\s+reproduce)?|to reproduce|reproductie|reproduceren|how to reproduce|hoe te reproduceren|wat ik doe|wat ik (?:heb gedaan|gedaan heb)|wat we (?:hebben gedaan|gedaan hebben)|what i did|what we did|what i have done|what we have done|wat we doen|repro|reproduce|reproduction|(?:zo\s+|om\s+)?na\s+te\s+doen|nadoen|to replicate|how to replicate|replicate|replication)(?:[ \t]+(?:on|in|op|bij|with|met|for|voor|onder|under)\b(?![^\n:]*(?:attach|bijlage|bijgevoeg))[^\n:.?!]{1,40})?\s*(?:\([^)]*\))?\s*:/i;

/** The arrows of a menu path or of an action and what came of it ("->" and "=>" hold ">"). */
const hasArrow = (text: string): boolean => text.includes('>') || text.includes('→') || text.includes('»');

// Guarded as the error patterns are (see guarded-regex.ts): each guard is a test every match passes.
const STEP_PATTERNS: readonly TextPattern[] = [
  // A request that reproduces it: a curl command or an HTTP request line.
  needing(/^\s*(?:curl\s+\S|(?:GET|POST|PUT|PATCH|DELETE|HEAD)\s+(?:https?:\/\/|\/)\S+)/m, (t) => ['curl', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'].some((w) => t.includes(w))),
  // Two or more numbered lines.
  /(?:^|\n)\s*(?:\d{1,2}[.)]|stap\s+\d+|step\s+\d+)\s+\S[^\n]*\n(?:[^\n]*\n){0,3}?\s*(?:\d{1,2}[.)]|stap\s+\d+|step\s+\d+)\s+\S/i,
  MENU_PATH,
  // "Zo krijg je het:", "How it happens:" over a list of two or more items: a heading that says how,
  // with the recipe under it, whatever its words for each step.
  needing(/(?:^|\n)[ \t]*(?=[^\n:]{0,50}\b(?:zo|hoe|how|when|wanneer|reproduc\w*|krijg\w*|get|see|zie\w*|happen\w*|gebeurt|ontstaat|doe|doen|do|did|gedaan)\b)[^\n:]{3,50}:[ \t]*\n(?:[ \t]*\n)?[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t]+\S[^\n]*\n[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t]+\S/i, hasColonLineEnd),
  // "Steps that I think reproduce it:", "Stappen zoals onze receptie het doet:": a line of its own
  // that opens with the word and ends in a colon, with the recipe on the lines under it.
  needing(new RegExp(String.raw`(?:^|\n)[ \t]*(?:stappen|steps)\b[^\n:.?!]{0,50}:[ \t]*\n(?![ \t]*${ATTACHMENT_POINTER})(?:[ \t]*\n)?[ \t]*\S[^\n]{8,}`, 'i'), hasColonLineEnd),
  // "Seen on app version 6.3.1 on an iPhone 13. Steps:" over the recipe: the heading ends a line
  // that says something else first.
  needing(new RegExp(String.raw`[.!?)][ \t]+(?:stappen|steps(?:[ \t]+to[ \t]+reproduce)?)[ \t]*:[ \t]*\n(?![ \t]*${ATTACHMENT_POINTER})(?:[ \t]*\n)?[ \t]*\S[^\n]{8,}`, 'i'), hasColonLineEnd),
  // "when I … then …", "als ik … dan/krijg ik …"; not "if we can send the slides", an if that asks whether.
  /\b(?:when(?:ever)?|if|as soon as|each time|every time)\s+(?:i|we|you|a user|users|the user|an employee)\b(?!\s+(?:can|could|may|might|would|should|will)\b)[^.?!\n]{3,160}/i,
  /\b(?:als|wanneer|zodra|elke keer als|telkens als)\s+(?:ik|we|wij|je|u|een gebruiker|gebruikers|een medewerker|medewerkers)\b[^.?!\n]{3,160}/i,
  /\b(?:(?:ik|we|wij)\s+(?:klik|klikken|open|openen|kies|kiezen|selecteer|selecteren|ga|gaan)\b|(?:i|we)\s+(?:click|open|select|choose|go to|navigate to|press)\b)[^.?!\n]{3,160}/i,
  // 'Op "Start ronde" gedrukt', "clicked 'Save'", "klik op 'Opslaan'": a button pressed, named as the screen shows it.
  needing(/(?:\bop|\bon)\s+["“'‘][^"”'’\n]{2,40}["”'’]\s+(?:gedrukt|geklikt|getikt|gedrukt)\b|\b(?:clicked|pressed|tapped|selected)\s+(?:on\s+)?["“'‘][^"”'’\n]{2,40}["”'’]|\b(?:druk|klik|tik|drukken|klikken|tikken|click|press|tap)\s+(?:op|on)\s+["“'‘][^"”'’\n]{2,40}["”'’]/i, hasQuote),
  // "Ik heb route 2 aangepast (… toegevoegd en opgeslagen), daarna is het misgegaan": what they did, then what happened.
  needing(/\b(?:ik heb|we hebben|wij hebben|i|we)\b[^.?!\n]{3,120}\b(?:toegevoegd|opgeslagen|aangepast|gewijzigd|geïmporteerd|ingelezen|verwijderd|added|saved|changed|imported|deleted|edited)\b[^.?!\n]{0,60}?[,;]\s*(?:daarna|daarop|en toen|sindsdien|after that|since then|and then)\b[^.?!\n]{3,120}/i, (t) => THEN_WORDS.test(t)),
  // "tijdlijn openen, foto aantikken -> app weg", "App openen > Nieuws": an action, an arrow, and
  // what came of it (one arrow; two make a menu path above).
  needing(/\b(?:openen|aantikken|aanklikken|tikken|klikken|kiezen|selecteren|drukken|opslaan|invullen|scannen|inloggen|starten|verzenden|versturen|importeren|exporteren|toevoegen|wijzigen|aanpassen|goedkeuren|afdrukken|uploaden|genereren|aanmaken|verwijderen|bevestigen|open(?:ed)?|tap(?:ped)?|click(?:ed)?|select(?:ed)?|choose|chose|press(?:ed)?|save[ds]?|enter(?:ed)?|scan(?:ned)?|submit(?:ted)?|import(?:ed)?|export(?:ed)?|approve[ds]?|upload(?:ed)?|generate[ds]?)\b[^\n>→]{0,40}?\s(?:->|→|=>|>)\s+\S[^\n]{2,}/i, hasArrow),
  // "Als een gastouder een goedgekeurde regel aanpast, dan verdwijnt de hele regel": a condition and,
  // said in so many words, what then happens, whoever acts in it.
  needing(/\b(?:als|wanneer|zodra|when(?:ever)?|if|once)\s+(?:een|de|het|onze|mijn|a|an|the|our|my)\s+[^.?!\n]{3,120}?,\s*(?:dan|then)\s+[^.?!\n]{3,}/i, (t) => THEN_AFTER_COMMA.test(t)),
  // "Reproducible with any file > 2 GiB", "te reproduceren door een medewerker te hernoemen": the recipe in one sentence.
  needing(/\b(?:reproducible|reproduce(?:d)?|repro|reproduceerbaar|te reproduceren|gereproduceerd|nagebootst|nagespeeld|nagedaan|replicated)\s+(?:with|by|when|via|door|met|als|bij)\b[^.?!\n]{3,160}/i, (t) => REDONE.test(t)),
  // "We hebben het nagebootst met twee testouders op twee telefoons: tegelijk … kiezen", "…. Reproduce:
  // change any employee": done again, and how, inside a paragraph (a heading is STEPS_HEADING's).
  needing(new RegExp(String.raw`\b(?:(?:gereproduceerd|nagebootst|nagespeeld|nagedaan|reproduced|replicated)\b[^.?!\n:]{0,60}|(?:reproduce|repro)[ \t]*):(?![ \t]*${ATTACHMENT_POINTER})[^.?!\n]{3,160}`, 'i'), (t) => REDONE.test(t)),
];

/**
 * "…, 06:10-14:40. Steps: start order in the app, work more than 6 hours, stop, sync.": a steps
 * heading inside a paragraph, after a sentence's end, with the recipe after it. (Looked for from the
 * word, not behind every character: a look-behind regex cost more than the other steps patterns.)
 */
const INLINE_STEPS = new RegExp(String.raw`\b(?:stappen|steps(?:[ \t]+to[ \t]+reproduce)?)[ \t]*:(?![ \t]*${ATTACHMENT_POINTER})[^\n]{12,200}`, 'gi');
const SENTENCE_END = /[.!?][ \t]+$/;

/** Steps to reproduce: a "steps:" heading, a numbered list, a menu path, or "when I … then …". */
export function findSteps(text: string): string | undefined {
  // The menu-path pattern backtracks over every letter: skip it when no arrow is there to find.
  const arrows = hasArrow(text);
  const heading = STEPS_HEADING.exec(text);
  if (heading !== null && !POINTS_AT_ATTACHMENT.test(text.slice(heading.index + heading[0].length, heading.index + heading[0].length + 60))) {
    return heading[0].trim();
  }
  for (const re of STEP_PATTERNS) {
    if (re === MENU_PATH && !arrows) continue;
    const m = re.exec(text);
    if (m !== null) return m[0].trim().slice(0, 200);
  }
  if (/st(?:appen|eps)[ \t]*:/i.test(text)) {
    for (const m of text.matchAll(INLINE_STEPS)) if (SENTENCE_END.test(text.slice(Math.max(0, m.index - 4), m.index))) return m[0].trim().slice(0, 200);
  }
  return undefined;
}

const DUTCH = new Set(['de', 'het', 'een', 'en', 'ik', 'wij', 'niet', 'van', 'dat', 'op', 'voor', 'met', 'bij', 'graag', 'kunnen', 'jullie', 'ons', 'onze', 'hoe', 'wat', 'geen', 'wordt', 'zijn', 'maar', 'ook', 'naar', 'deze', 'als', 'er', 'heb', 'hebben', 'uw', 'groet', 'groeten', 'dit', 'die', 'nog', 'wel', 'krijgen', 'krijg', 'bedankt']);
const ENGLISH = new Set(['the', 'a', 'an', 'and', 'i', 'not', 'of', 'that', 'on', 'for', 'with', 'at', 'please', 'can', 'you', 'our', 'us', 'how', 'what', 'no', 'are', 'but', 'also', 'to', 'this', 'if', 'there', 'have', 'has', 'your', 'thanks', 'regards', 'it', 'when', 'get']);

/** The longest function word: a longer run of letters is none of them and is not sliced. */
const LONGEST_FUNCTION_WORD = Math.max(...[...DUTCH, ...ENGLISH].map((w) => w.length));
const LETTER = /^\p{L}$/u;
/** Per non-ASCII code point: whether it is a letter (\p{L}). */
const wideLetters = new Map<number, boolean>();

function isWideLetter(codePoint: number): boolean {
  let letter = wideLetters.get(codePoint);
  if (letter === undefined) wideLetters.set(codePoint, (letter = LETTER.test(String.fromCodePoint(codePoint))));
  return letter;
}

/**
 * The text's language, nl or en, by its commonest function words; en when it has none. The words
 * are the lower-cased text's runs of letters (what splitting it at /[^\p{L}]+/u gives), read per
 * code point without splitting the whole text into an array.
 */
export function detectLanguage(text: string): 'nl' | 'en' {
  const lower = text.toLowerCase();
  let nl = 0;
  let en = 0;
  let from = -1;
  const n = lower.length;
  for (let i = 0; i <= n; i++) {
    const code = i < n ? lower.charCodeAt(i) : 32;
    let letter: boolean;
    if (code < 128) letter = code >= 97 && code <= 122;
    else {
      const codePoint = lower.codePointAt(i) as number;
      letter = isWideLetter(codePoint);
      if (letter && codePoint > 0xffff) {
        if (from < 0) from = i;
        i++;
        continue;
      }
    }
    if (letter) {
      if (from < 0) from = i;
      continue;
    }
    if (from >= 0 && i - from <= LONGEST_FUNCTION_WORD) {
      const word = lower.slice(from, i);
      if (DUTCH.has(word)) nl++;
      else if (ENGLISH.has(word)) en++;
    }
    from = -1;
  }
  return nl > en ? 'nl' : 'en';
}
