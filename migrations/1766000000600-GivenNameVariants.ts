import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21: common English nicknames (DOMAIN.md "Hiring checks": "Bill" for William, "Peggy"
 * for Margaret), a reference table like `ground`: seeded here, edited by the commission's
 * migrations or SQL, read by the matcher. Values are as `normalizeName` gives them (lower
 * case, no marks). A pair links a formal given name to one familiar form; the matcher treats
 * every name of one formal name's family as a variant of the others (Bill, Billy, Will, William).
 * No public-domain nickname list is published on npm; this seed is the usual US forms.
 */
const FAMILIES: Record<string, string[]> = {
  abigail: ['abby', 'abbie', 'gail'],
  abraham: ['abe', 'bram'],
  albert: ['al', 'bert', 'bertie'],
  alexander: ['alex', 'al', 'sandy', 'xander', 'alec', 'lex'],
  alexandra: ['alex', 'sandra', 'sandy', 'lexi', 'alexa'],
  alfred: ['al', 'alf', 'fred', 'freddie'],
  allison: ['ally', 'allie'],
  amanda: ['mandy', 'manda'],
  andrew: ['andy', 'drew'],
  angela: ['angie'],
  anthony: ['tony'],
  antonio: ['tony', 'toni'],
  arthur: ['art', 'artie'],
  barbara: ['barb', 'barbie', 'babs'],
  benjamin: ['ben', 'benny', 'benji'],
  bernard: ['bernie', 'bern'],
  beverly: ['bev'],
  bradley: ['brad'],
  calvin: ['cal'],
  catherine: ['cathy', 'cat', 'kate', 'katie', 'cate'],
  charles: ['charlie', 'chuck', 'chaz', 'chas', 'chip'],
  charlotte: ['charlie', 'lottie'],
  christina: ['chris', 'tina', 'chrissy'],
  christine: ['chris', 'tina', 'chrissy'],
  christopher: ['chris', 'kit', 'topher'],
  clifford: ['cliff'],
  cynthia: ['cindy'],
  daniel: ['dan', 'danny'],
  david: ['dave', 'davey'],
  deborah: ['deb', 'debbie', 'debby'],
  dennis: ['denny'],
  donald: ['don', 'donnie'],
  dorothy: ['dot', 'dottie', 'dolly'],
  douglas: ['doug'],
  edward: ['ed', 'eddie', 'ted', 'teddy', 'ned'],
  edwin: ['ed', 'eddie'],
  eleanor: ['ellie', 'nell', 'nora'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betty', 'betsy', 'eliza', 'libby', 'liza', 'bess'],
  emily: ['em', 'emmy'],
  eugene: ['gene'],
  frances: ['fran', 'frannie'],
  francis: ['frank', 'fran'],
  frank: ['frankie'],
  franklin: ['frank'],
  frederick: ['fred', 'freddie', 'fritz'],
  gabriel: ['gabe'],
  gerald: ['gerry', 'jerry'],
  gregory: ['greg'],
  harold: ['harry', 'hal'],
  henry: ['hank', 'harry', 'hal'],
  herbert: ['herb', 'bert'],
  isabella: ['bella', 'izzy'],
  jacob: ['jake'],
  james: ['jim', 'jimmy', 'jamie', 'jem'],
  janet: ['jan'],
  jeffrey: ['jeff'],
  jennifer: ['jen', 'jenny', 'jenn'],
  jessica: ['jess', 'jessie'],
  johanna: ['jo', 'hanna'],
  john: ['jack', 'johnny', 'jon'],
  jonathan: ['jon', 'jonny', 'nate'],
  joseph: ['joe', 'joey'],
  josephine: ['jo', 'josie'],
  joshua: ['josh'],
  judith: ['judy'],
  katherine: ['kathy', 'kate', 'katie', 'kat', 'kay', 'kitty'],
  kathleen: ['kathy', 'kate', 'katie'],
  kenneth: ['ken', 'kenny'],
  kimberly: ['kim'],
  lawrence: ['larry', 'laurie'],
  leonard: ['leo', 'len', 'lenny'],
  louis: ['lou', 'louie'],
  margaret: ['peggy', 'maggie', 'meg', 'marge', 'margie', 'greta', 'madge', 'daisy'],
  martha: ['marty', 'patty', 'mattie'],
  martin: ['marty'],
  mary: ['molly', 'polly', 'mae', 'mamie'],
  matthew: ['matt', 'matty'],
  melissa: ['mel', 'missy'],
  michael: ['mike', 'mikey', 'mick', 'mickey'],
  michelle: ['shelly', 'micki'],
  nathan: ['nate'],
  nathaniel: ['nate', 'nat', 'nathan'],
  nicholas: ['nick', 'nicky', 'nico'],
  pamela: ['pam'],
  patricia: ['pat', 'patty', 'trish', 'tricia', 'patsy'],
  patrick: ['pat', 'paddy', 'rick'],
  peter: ['pete'],
  philip: ['phil'],
  phillip: ['phil'],
  rebecca: ['becky', 'becca', 'reba'],
  raymond: ['ray'],
  richard: ['rick', 'ricky', 'dick', 'rich', 'richie'],
  robert: ['bob', 'bobby', 'rob', 'robbie', 'bert'],
  roberta: ['bobbie', 'robbie'],
  ronald: ['ron', 'ronnie'],
  rosemary: ['rose', 'rosie'],
  russell: ['russ'],
  samantha: ['sam', 'sammy'],
  samuel: ['sam', 'sammy'],
  sandra: ['sandy'],
  stephanie: ['steph', 'stevie'],
  stephen: ['steve', 'stevie'],
  steven: ['steve', 'stevie'],
  susan: ['sue', 'susie', 'suzy'],
  suzanne: ['sue', 'susie', 'suzy'],
  theodore: ['ted', 'teddy', 'theo'],
  thomas: ['tom', 'tommy'],
  timothy: ['tim', 'timmy'],
  valerie: ['val'],
  victoria: ['vicky', 'tori', 'vic'],
  vincent: ['vince', 'vinny'],
  virginia: ['ginny', 'ginger'],
  walter: ['walt', 'wally'],
  william: ['bill', 'billy', 'will', 'willie', 'liam', 'willy'],
  zachary: ['zach', 'zack'],
};

export class GivenNameVariants1766000000600 implements MigrationInterface {
  name = 'GivenNameVariants1766000000600';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE given_name_variant (
        name text NOT NULL CONSTRAINT given_name_variant_name_shape CHECK (name ~ '^[a-z]{2,40}$'),
        variant text NOT NULL CONSTRAINT given_name_variant_variant_shape CHECK (variant ~ '^[a-z]{2,40}$' AND variant <> name),
        PRIMARY KEY (name, variant)
      )`);
    // The matcher looks a query's given name up on either side of a pair.
    await db.query(`CREATE INDEX given_name_variant_variant ON given_name_variant (variant, name)`);
    const pairs = Object.entries(FAMILIES).flatMap(([name, variants]) => variants.map((variant) => [name, variant]));
    await db.query(`INSERT INTO given_name_variant (name, variant) SELECT * FROM unnest($1::text[], $2::text[])`, [
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    ]);
    // Reference data: the service reads it; changes go through a migration or the commission's SQL, as for `ground`.
    await db.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON given_name_variant FROM post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE given_name_variant`);
  }
}
