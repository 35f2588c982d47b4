import type { AuditEventEntity } from './audit-event.entity';
import { csvCell, csvHeader, csvRow, jsonRow } from './audit-format';

describe('csvCell', () => {
  it('quotes every cell, doubles quotes and writes null as empty', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell('')).toBe('""');
  });

  it.each(['=1+1', '+41', '-2', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises formula trigger %j with a leading apostrophe',
    (value) => {
      expect(csvCell(value)).toBe(`"'${value}"`);
    },
  );

  it('leaves inner formula characters alone', () => {
    expect(csvCell('a=b')).toBe('"a=b"');
    expect(csvCell('{"x":-1}')).toBe('"{""x"":-1}"');
  });
});

describe('csvRow / jsonRow', () => {
  const row: AuditEventEntity = {
    id: 'aud_1',
    workspaceId: 'wks_default',
    actorType: 'USER',
    actorId: 'usr_1',
    action: 'user.created',
    targetType: 'User',
    targetId: 'usr_2',
    result: 'SUCCESS',
    message: null,
    ipAddress: '10.0.0.1',
    userAgent: 'ua',
    metadataJson: '{"username":"=evil"}',
    createdAt: '2026-01-01T00:00:00.000Z',
  };

  it('writes the reference’s ten columns without address or user agent, newline-terminated', () => {
    expect(csvHeader()).toBe('id,createdAt,actorType,actorId,action,targetType,targetId,result,message,metadata\n');
    expect(csvRow(row)).toBe(
      '"aud_1","2026-01-01T00:00:00.000Z","USER","usr_1","user.created","User","usr_2","SUCCESS","","{""username"":""=evil""}"\n',
    );
  });

  it('maps JSON rows through the public shape with parsed metadata', () => {
    expect(JSON.parse(jsonRow(row))).toMatchObject({
      id: 'aud_1',
      metadata: { username: '=evil' },
      ipAddress: '10.0.0.1',
    });
    expect(JSON.parse(jsonRow({ ...row, metadataJson: 'not json' })).metadata).toEqual({});
  });
});
