import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkArn,
  formatMatches,
  formatsInNamespace,
  hasPatternSyntax,
  isAccountId,
  isPartition,
  isRegion,
  matchesAnything,
  parseArn,
  partitions,
  patternsOverlap,
  principalAccount,
  resourceFit,
  type ArnProblem,
} from '../../src/iam/arn.js';

const object = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
const bucket = 'arn:${Partition}:s3:::${BucketName}';
const role = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}';
const logStream = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';

describe('parseArn, isAccountId, principalAccount', () => {
  it('split the first five parts and keep colons in the resource', () => {
    expect(parseArn('arn:aws:logs:us-east-1:111122223333:log-group:app:*')).toEqual({ partition: 'aws', service: 'logs', region: 'us-east-1', account: '111122223333', resource: 'log-group:app:*' });
    expect(parseArn('arn:aws:s3')).toBeUndefined();
    expect(parseArn('my-bucket')).toBeUndefined();
    expect(isAccountId('111122223333')).toBe(true);
    expect(isAccountId('1111-2222-3333')).toBe(false);
    expect(principalAccount('arn:aws:iam::111122223333:root')).toBe('111122223333');
    expect(principalAccount('arn:aws:sts::111122223333:assumed-role/app/session')).toBe('111122223333');
    expect(principalAccount('arn:aws:s3:::bucket')).toBeUndefined();
    expect(principalAccount('*')).toBeUndefined();
  });
});

describe('partitions and regions', () => {
  it('knows the AWS partitions', () => {
    expect(partitions).toEqual(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
    expect(isPartition('aws-us-gov')).toBe(true);
    expect(isPartition('AWS')).toBe(false);
    expect(isPartition('aws-gov')).toBe(false);
  });

  it.each(['us-east-1', 'us-gov-west-1', 'cn-northwest-1', 'eu-isoe-west-1', 'us-isob-east-1', 'us-isof-south-1', 'eusc-de-east-1', 'ap-southeast-7', 'il-central-1'])('%s is a region', (region) => {
    expect(isRegion(region)).toBe(true);
  });

  it.each(['us-east-1a', 'US-EAST-1', 'useast1', 'us-east', 'global', '', 'us_east_1'])('%s is no region', (region) => {
    expect(isRegion(region)).toBe(false);
  });
});

describe('pattern syntax', () => {
  it('tells wildcards and variables from escapes', () => {
    expect(hasPatternSyntax('arn:aws:s3:::bucket')).toBe(false);
    expect(hasPatternSyntax('arn:aws:s3:::bucket/*')).toBe(true);
    expect(hasPatternSyntax('arn:aws:s3:::bucket/?')).toBe(true);
    expect(hasPatternSyntax('arn:aws:s3:::home/${aws:username}')).toBe(true);
    expect(hasPatternSyntax('arn:aws:s3:::literal/${*}${?}${$}')).toBe(false);
    expect(hasPatternSyntax('arn:aws:s3:::unclosed/${aws:username')).toBe(false);
  });

  it('knows the patterns that match anything', () => {
    expect(matchesAnything('*')).toBe(true);
    expect(matchesAnything('**')).toBe(true);
    expect(matchesAnything('${aws:username}')).toBe(true);
    expect(matchesAnything('${*}')).toBe(false);
    expect(matchesAnything('*?')).toBe(false);
    expect(matchesAnything('')).toBe(true);
  });

  it('splits ARN patterns at colons outside policy variables', () => {
    expect(parseArn('arn:aws:iam::${aws:PrincipalAccount}:role/app')).toEqual({ partition: 'aws', service: 'iam', region: '', account: '${aws:PrincipalAccount}', resource: 'role/app' });
    expect(parseArn('arn:aws:logs:us-east-1:111122223333:log-group:app:*')?.resource).toBe('log-group:app:*');
    expect(parseArn('arn:aws:s3')).toBeUndefined();
    expect(parseArn('s3:::bucket')).toBeUndefined();
  });
});

describe('formatMatches: can an ARN of a resource type match the pattern?', () => {
  it.each([
    [object, 'arn:aws:s3:::reports/2024/january.csv', true],
    [object, 'arn:aws:s3:::reports/*', true],
    [object, 'arn:aws:s3:::reports', false],
    [object, 'arn:aws:s3:::reports/', false],
    [object, 'arn:aws:s3:::reports*', true],
    [object, 'arn:aws:s3:::*', true],
    [object, 'arn:aws:s3:::${aws:username}/*', true],
    [object, 'arn:aws:s3:::home/${aws:username}', true],
    [object, 'arn:aws:s3:us-east-1:111122223333:reports/*', false],
    [object, 'arn:aws-cn:s3:::reports/*', true],
    [object, 'arn:aws:S3:::reports/*', false],
    [bucket, 'arn:aws:s3:::reports', true],
    [bucket, 'arn:aws:s3:::reports/*', false],
    [bucket, 'arn:aws:s3:::reports?', true],
    [bucket, 'arn:aws:s3:::${aws:username}/*', false],
    [bucket, 'arn:aws:s3:::*', true],
    [bucket, 'arn:aws:s3::*:codepipeline-*', true],
    [bucket, 'arn:aws:s3:*:*:reports', true],
    [bucket, 'arn:*', true],
    [bucket, '*', true],
    [role, 'arn:aws:iam::111122223333:role/service-role/app', true],
    [role, 'arn:aws:iam::*:role/*', true],
    [role, 'arn:aws:iam::111122223333:user/app', false],
    [role, 'arn:aws:iam::${aws:PrincipalAccount}:role/app', true],
    [role, 'arn:aws:iam:us-east-1:111122223333:role/app', false],
    [logStream, 'arn:aws:logs:*:*:log-group:app', false],
    [logStream, 'arn:aws:logs:*:*:log-group:app:*', true],
    [logStream, 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/app:log-stream:2024/01/01/[$LATEST]abc', true],
  ])('%s ~ %s is %s', (format, pattern, expected) => {
    expect(formatMatches(format, pattern)).toBe(expected);
  });

  it('reads a six-part pattern part by part: a * in the region is a region', () => {
    const instance = 'arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}';
    expect(formatMatches(instance, 'arn:aws:ec2:*:*:volume/*')).toBe(false);
    expect(formatMatches(instance, 'arn:aws:ec2:*:*:instance/*')).toBe(true);
    expect(formatMatches(instance, 'arn:aws:ec2:*:*:*')).toBe(true);
    // With fewer parts, the wildcard stands for the missing ones.
    expect(formatMatches(instance, 'arn:aws:ec2:*:instance/*')).toBe(true);
    expect(formatMatches(instance, 'arn:aws:ec2*')).toBe(true);
    expect(formatMatches(instance, 'arn:aws:s3*')).toBe(false);
  });

  it('is case-sensitive', () => {
    expect(formatMatches(role, 'arn:aws:iam::111122223333:Role/app')).toBe(false);
    expect(formatMatches(bucket, 'ARN:aws:s3:::reports')).toBe(false);
  });

  it('treats ${*}, ${?} and ${$} as literals', () => {
    expect(patternsOverlap('a${*}b', 'a*b')).toBe(true);
    expect(patternsOverlap('a${*}b', 'axb')).toBe(false);
    expect(patternsOverlap('a${?}b', 'axb')).toBe(false);
    expect(patternsOverlap('a${?}b', 'a?b')).toBe(true);
    expect(patternsOverlap('a${$}b', 'a$b')).toBe(true);
    expect(patternsOverlap('a${aws:username}b', 'axyzb')).toBe(true);
  });

  it('answers quickly for long patterns, and "can match" beyond its limit', () => {
    const long = `arn:aws:s3:::${'ab*'.repeat(300)}`;
    expect(formatMatches(object, long)).toBe(true);
    expect(formatMatches(bucket, `arn:aws:s3:::${'a'.repeat(2000)}/x`)).toBe(false);
    const absurd = `arn:aws:s3:::${'a*'.repeat(200_000)}/`;
    expect(formatMatches(bucket, absurd)).toBe(true);
  });
});

/** The regular expression for a policy pattern: `*` and variables any text, `?` one character, `${*}` etc. literals. */
function patternSource(pattern: string): string {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    const close = pattern.startsWith('${', i) ? pattern.indexOf('}', i + 2) : -1;
    if (close > 0) {
      const inner = pattern.slice(i + 2, close);
      source += inner === '*' || inner === '?' || inner === '$' ? `\\${inner}` : '[^]*';
      i = close;
    } else if (c === '*') source += '[^]*';
    else if (c === '?') source += '[^]';
    else source += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  return `^${source}$`;
}

/** Every string over the alphabet up to `max` characters. */
function strings(alphabet: readonly string[], max: number): string[] {
  const found = [''];
  let layer = [''];
  for (let n = 1; n <= max; n++) {
    layer = layer.flatMap((s) => alphabet.map((c) => s + c));
    found.push(...layer);
  }
  return found;
}

describe('property: the walk agrees with brute force', () => {
  // A shortest common string is at most as long as the two patterns' non-star tokens together.
  const unit = fc.constantFrom('a', ':', '/', '*', '?', '${aws:username}', '${*}');
  const pattern = fc.array(unit, { maxLength: 3 }).map((parts) => parts.join(''));
  const alphabet = ['a', ':', '/', '*', 'b'];
  const candidates = strings(alphabet, 6);

  it('patternsOverlap is true exactly when some string matches both', () => {
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        const ra = new RegExp(patternSource(a));
        const rb = new RegExp(patternSource(b));
        const expected = candidates.some((s) => ra.test(s) && rb.test(s));
        return patternsOverlap(a, b) === expected && patternsOverlap(b, a) === expected;
      }),
      { numRuns: 400 },
    );
  });

  it('against literal text, it is plain matching', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ':', '/'), maxLength: 14 });
    const long = fc.array(unit, { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(fc.property(long, text, (p, t) => patternsOverlap(p, t) === new RegExp(patternSource(p)).test(t)), { numRuns: 3000 });
  });

  it('formatMatches agrees with the formats read as regular expressions', () => {
    // An S3 resource part: BucketName holds neither / nor :, ObjectName anything non-empty, a …Path anything.
    const formatUnit = fc.constantFrom('a', ':', '/', '${BucketName}', '${ObjectName}', '${ResourcePath}', '*');
    const body = fc.array(formatUnit, { maxLength: 3 }).map((parts) => parts.join(''));
    const formatSource = (format: string): string =>
      `^${format
        .replace(/[.+^()|[\]\\/]/g, '\\$&')
        .replace(/\*/g, '[^]*')
        .replace(/\$\{BucketName\}/g, '[^/:]+')
        .replace(/\$\{ObjectName\}/g, '[^]+')
        .replace(/\$\{ResourcePath\}/g, '[^]*')}$`;
    fc.assert(
      fc.property(body, pattern, (f, p) => {
        const rf = new RegExp(formatSource(f));
        const rp = new RegExp(patternSource(p));
        const expected = candidates.some((s) => rf.test(s) && rp.test(s));
        return formatMatches(`arn:\${Partition}:s3:::${f}`, `arn:aws:s3:::${p}`) === expected;
      }),
      { numRuns: 400 },
    );
  });
});

describe('the catalogue index of ARN formats', () => {
  it('finds formats by namespace, whoever lists them', () => {
    expect(formatsInNamespace('s3').some((f) => f.arn === bucket)).toBe(true);
    expect(formatsInNamespace('execute-api').length).toBeGreaterThan(0);
    expect(formatsInNamespace('no-such-service')).toEqual([]);
    // Listed once, under S3, though ssm lists the bucket too.
    expect(formatsInNamespace('s3').filter((f) => f.arn === bucket).map((f) => f.prefix)).toEqual(['s3']);
  });
});

describe('checkArn', () => {
  it.each([
    'arn:aws:s3:::reports',
    'arn:aws:s3:::reports/*',
    'arn:aws:s3:us-east-1:111122223333:accesspoint/reports',
    'arn:aws:s3::111122223333:accesspoint/mrap.mrap',
    'arn:aws:s3::*:codepipeline-*',
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
    'arn:aws:iam::111122223333:root',
    'arn:aws:iam::${aws:PrincipalAccount}:role/app',
    'arn:aws:sts::111122223333:assumed-role/app/session',
    'arn:aws:ec2:us-east-1::image/ami-12345678',
    'arn:aws:ec2:*:*:image/*',
    'arn:aws:logs:*:*:log-group:/aws/lambda/*',
    'arn:aws-cn:s3:::reports',
    'arn:aws*:s3:::reports',
    'arn:${AWS::Partition}:s3:::reports',
    'arn:aws:s3*',
    'arn:aws:iam::*',
    'arn:aws:s3:::*',
    'arn:aws:newservice::x*',
    'arn:*',
    '*',
    '*-reports',
    '${aws:SourceArn}',
    'arn:aws:mediaconnect:us-east-1:offering:offering-1',
    'arn:aws:health:*::event/EC2/*/*',
    'arn:aws:no-such-service:us-east-1:111122223333:thing/x',
  ])('%s is fine', (arn) => {
    expect(checkArn(arn)).toBeUndefined();
  });

  it.each<[string, ArnProblem | undefined]>([
    ['reports', { kind: 'notArn' }],
    ['s3:::reports', { kind: 'notArn' }],
    ['execute-api:/prod/GET/*', { kind: 'notArn' }],
    ['arn:aws:s3', { kind: 'tooFewParts', parts: 3 }],
    ['arn:aws:s3::reports', { kind: 'tooFewParts', parts: 5 }],
    ['arn::s3:::reports', { kind: 'emptyPart', part: 'partition' }],
    ['arn:aws::us-east-1:111122223333:thing', { kind: 'emptyPart', part: 'service' }],
    ['arn:aws:s3:::', { kind: 'emptyPart', part: 'resource' }],
    ['arn:amazon:s3:::reports', { kind: 'unknownPartition', partition: 'amazon', suggestion: undefined }],
    ['arn:aws-gov:s3:::reports', { kind: 'unknownPartition', partition: 'aws-gov', suggestion: 'aws-us-gov' }],
    ['arn:aws-isob:s3:::reports', { kind: 'unknownPartition', partition: 'aws-isob', suggestion: 'aws-iso-b' }],
    ['arn:aws:s3::reports/*', { kind: 'tooFewParts', parts: 5 }],
    ['arn:aws:iam:111122223333:role/*', { kind: 'tooFewParts', parts: 5 }],
    ['arn:amzn*:s3:::reports', { kind: 'unknownPartition', partition: 'amzn*', suggestion: undefined }],
    ['arn:aws:S3:::reports', { kind: 'serviceCase', service: 'S3', expected: 's3' }],
    ['arn:aws:ec2:us-east-1a:111122223333:instance/*', { kind: 'malformedRegion', region: 'us-east-1a' }],
    ['arn:aws:iam::1111-2222-3333:role/app', { kind: 'malformedAccount', account: '1111-2222-3333' }],
    ['arn:aws:s3:us-east-1:111122223333:reports', { kind: 'unexpectedPart', region: true, account: true, what: 'Amazon S3 bucket', fixed: 'arn:aws:s3:::reports' }],
    ['arn:aws:s3:us-east-1::reports/*', { kind: 'unexpectedPart', region: true, account: false, what: 'Amazon S3 object', fixed: 'arn:aws:s3:::reports/*' }],
    ['arn:aws:iam:us-east-1:111122223333:root', { kind: 'unexpectedPart', region: true, account: false, what: 'AWS Identity and Access Management (IAM)', fixed: 'arn:aws:iam::111122223333:root' }],
    ['arn:aws:iam:us-east-1:111122223333:role/app', { kind: 'unexpectedPart', region: true, account: false, what: 'AWS Identity and Access Management (IAM) role', fixed: 'arn:aws:iam::111122223333:role/app' }],
    ['arn:aws:iam:*:111122223333:role/app', undefined],
    ['arn:aws:iam:us-*:111122223333:nonsense', undefined],
    ['arn:aws:swf:us-east-1:111122223333:/domain/orders', undefined],
    ['arn:aws:ec2:us-east-1:111122223333:image/ami-12345678', { kind: 'unexpectedPart', region: false, account: true, what: 'Amazon EC2 image', fixed: 'arn:aws:ec2:us-east-1::image/ami-12345678' }],
  ])('%s: %j', (arn, problem) => {
    expect(checkArn(arn)).toEqual(problem);
  });

  it('accepts the execute-api:/ shorthand where API Gateway expands it', () => {
    expect(checkArn('execute-api:/prod/GET/pets', { apiGatewayShorthand: true })).toBeUndefined();
    expect(checkArn('my-bucket', { apiGatewayShorthand: true })).toEqual({ kind: 'notArn' });
  });

  it('never reports a region or account that an S3 ARN could have, and its fix is fine', () => {
    const part = fc.constantFrom('', '*', '?', 'aws', 'us-east-1', '111122223333', 'a', 'us-east-?');
    fc.assert(
      fc.property(part, part, fc.constantFrom('reports', 'reports/*', '*', 'accesspoint/x', '${aws:username}/*', 'rep?rts', 'job/*', 'async-request/mrap/*'), (region, account, resource) => {
        const arn = `arn:aws:s3:${region}:${account}:${resource}`;
        const problem = checkArn(arn);
        if (problem?.kind !== 'unexpectedPart') return true;
        // Reported: then no S3 format can match it, and the fix has no problem.
        return !formatsInNamespace('s3').some((f) => formatMatches(f.arn, arn)) && checkArn(problem.fixed) === undefined;
      }),
      { numRuns: 300 },
    );
  });
});

describe('resourceFit', () => {
  it.each([
    ['s3:GetObject', ['arn:aws:s3:::reports/*'], 'fits'],
    ['s3:GetObject', ['arn:aws:s3:::reports'], 'mismatch'],
    ['s3:GetObject', ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'], 'fits'],
    ['s3:getobject', ['arn:aws:s3:::reports'], 'mismatch'],
    ['s3:GetObject', ['arn:aws:s3:::reports*'], 'fits'],
    ['s3:GetObject', ['arn:aws:s3:::${aws:username}/*'], 'fits'],
    ['s3:ListBucket', ['arn:aws:s3:::reports/*'], 'mismatch'],
    ['s3:ListBucket', ['arn:aws:s3:::*'], 'fits'],
    ['s3:ListBucket', ['*'], 'fits'],
    ['s3:ListBucket', ['arn:aws:*:*:*:*'], 'fits'],
    ['s3:Get*', ['arn:aws:s3:::reports'], 'fits'],
    ['s3:Get*Object', ['arn:aws:s3:::reports'], 'mismatch'],
    ['s3:ListAllMyBuckets', ['arn:aws:s3:::*'], 'fits'],
    ['s3:ListAllMyBuckets', ['arn:aws:ec2:*:*:instance/*'], 'noResourceTypes'],
    ['ec2:DescribeInstances', ['arn:aws:ec2:us-east-1:111122223333:instance/*'], 'noResourceTypes'],
    ['ec2:DescribeInstances', ['arn:aws:ec2:*:*:*'], 'fits'],
    ['ec2:StartInstances', ['arn:aws:ec2:*:*:volume/*'], 'mismatch'],
    ['ec2:StartInstances', ['arn:aws:ec2:*:instance/*'], 'fits'],
    ['ec2:Describe*', ['arn:aws:s3:::reports'], 'mismatch'],
    ['cloudformation:ListStacks', ['arn:aws:cloudformation:*:*:stack/*'], 'fits'],
    ['logs:PutLogEvents', ['arn:aws:logs:us-east-1:111122223333:log-group:app'], 'mismatch'],
    ['logs:PutLogEvents', ['arn:aws:logs:us-east-1:111122223333:log-group:app:*'], 'fits'],
    ['logs:DeleteLogGroup', ['arn:aws:logs:*:*:log-group:/aws/codebuild/*:log-stream:*'], 'fits'],
    ['lambda:InvokeFunction', ['arn:aws:lambda:us-east-1:111122223333:function:app:live'], 'fits'],
    ['iam:PassRole', ['arn:aws:iam::111122223333:user/app'], 'mismatch'],
    ['sts:AssumeRole', ['arn:aws:iam::${aws:PrincipalAccount}:role/app'], 'fits'],
    ['execute-api:Invoke', ['execute-api:/prod/GET/*'], 'fits'],
    ['s3:GetObject', ['reports'], 'fits'],
    ['s3:GetObject', ['arn:aws:s3:us-east-1:111122223333:reports/*'], 'fits'],
    ['swf:StartWorkflowExecution', ['arn:aws:swf:us-east-1:111122223333:/domain/orders'], 'fits'],
    ['sqs:SendMessage', ['arn:aws:sqs::111122223333:jobs'], 'mismatch'],
    ['s3:GetObject', ['arn:aws:s3bucket:::reports/*'], 'mismatch'],
    ['s3:Get*', ['arn:aws:s3bucket:::reports/*'], 'fits'],
    ['*', ['arn:aws:s3:::reports'], 'fits'],
    ['s3:NoSuchAction', ['arn:aws:s3:::reports'], 'fits'],
    ['nosuchservice:Get', ['arn:aws:s3:::reports'], 'fits'],
    ['dynamodb:GetItem', ['arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*'], 'mismatch'],
    ['dynamodb:Query', ['arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*'], 'fits'],
    ['s3:GetObject', ['arn:aws:s3:::reports', '*'], 'fits'],
    ['*', ['*'], 'fits'],
    ['s3:ListBucket', ['arn:aws:s3:::reports'], 'fits'],
    ['kms:Decrypt', ['arn:aws:kms:us-east-1:111122223333:key/1234abcd'], 'fits'],
    ['kms:Decrypt', ['arn:aws:kms:us-east-1:111122223333:1234abcd'], 'mismatch'],
    ['s3:ListAllMyBuckets', [], 'noResourceTypes'],
    ['s3:NoSuchAction', [], 'fits'],
  ] as const)('%s on %j: %s', (action, resources, kind) => {
    expect(resourceFit(action, resources).kind).toBe(kind);
  });

  it('lists the resource types of a mismatch with their formats', () => {
    const fit = resourceFit('s3:ListBucket', ['arn:aws:s3:::reports/*']);
    expect(fit.kind === 'mismatch' ? fit.types : []).toEqual([
      { name: 'accesspoint', arn: 'arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}' },
      { name: 'bucket', arn: bucket },
    ]);
  });
});
