"""`python3 bench/tables.py src/model/generated/*.rs`: what each service's generated tables
cost, gzip -9 of their bytes as laid out in the module (the records little-endian, as
`src/model/mod.rs` describes them; `&str`s as their bytes), table by table and per
operation; and what the same bytes would cost carried in JavaScript (base64, or a latin1
string), for the choice of how a service's tables reach a shared runtime. Not part of
`make test`: a measurement (bench/levers.md).
"""
import ast, base64, gzip, json, re, struct, sys
KIND=['Structure','Union','List','Map','String','Enum','Integer','Double','Boolean','Timestamp','Document']
LOC=['Body','Label','Query','Header']
def g(b): return len(gzip.compress(b,9,mtime=0))
for f in sys.argv[1:]:
    s=open(f).read()
    parts={}
    shapes=re.findall(r'Shape \{ kind: (\w+), rule: (rules::of\("\w+"\)|rules::Rule::None), a: ([\w:]+), b: (\d+), limits: (\d+) \}',s)
    u=lambda x: 65535 if x=='u16::MAX' else int(x)
    parts['shapes']=b''.join(struct.pack('<BBHHH',KIND.index(k),0,u(a),int(b),int(l)) for k,_,a,b,l in shapes)
    mem=re.findall(r'Member \{ name: (\d+), shape: (\d+), location: (\w+), required: (\w+), wire_name: (\d+) \}',s)
    parts['members']=b''.join(struct.pack('<HHBBH',int(n),int(sh),LOC.index(lc),r=='true',int(w)) for n,sh,lc,r,w in mem)
    m=re.search(r'pub static NAME_TEXT: &str = (".*?");\n',s); parts['names']=ast.literal_eval(m.group(1)).encode()
    m=re.search(r'NAME_LENGTHS: \[u8; \d+\] = \[(.*?)\]',s); parts['name_lengths']=bytes(int(x) for x in m.group(1).split(','))
    lim=re.findall(r'^    \((\d+), (\d+|NONE)\),$',s,re.M)
    parts['limits']=b''.join(struct.pack('<II',int(a),0xffffffff if b=='NONE' else int(b)) for a,b in lim)
    rng=re.search(r'RANGES: .*?\];',s,re.S).group(0)
    parts['ranges']=b''.join(struct.pack('<dd',*[float('nan') if x=='f64::NAN' else float(x) for x in p]) for p in re.findall(r'^    \(([^,]+), ([^)]+)\),$',rng,re.M))
    pats=re.findall(r'Pattern \{ source: (".*?"), program: b(".*?") \}',s)
    parts['pattern_programs']=b''.join(ast.literal_eval('b'+p) for _,p in pats)
    parts['pattern_sources']=b''.join(ast.literal_eval(src).encode() for src,_ in pats)
    ops=re.findall(r'Operation \{ name: (\d+), method: "(\w+)", uri: (\d+), input: (\d+), output: (\w+), success_code: (\d+), idempotent: (\w+), errors: (\w+) \}',s)
    parts['operations']=b''.join(struct.pack('<HIIHHIHHH',int(n),0,len(me),int(uri),int(i),0xffffffff if o=='NONE' else int(o),int(sc),it=='true',int(e,16)) for n,me,uri,i,o,sc,it,e in ops)
    errs=re.findall(r'ErrorShape \{ name: "(\w+)", status: (\d+)',s)
    parts['errors']=b''.join(n.encode()+struct.pack('<H',int(st)) for n,st in errs)
    pag=re.findall(r'Paginator \{ operation: &OPERATIONS\[(\d+)\], input_token: "(\w+)", output_token: "(\w+)", limit_key: (.*?) \}',s)
    parts['paginators']=b''.join(struct.pack('<I',int(i))+a.encode()+b.encode()+c.encode() for i,a,b,c in pag)
    allb=b''.join(parts.values())
    print(f, 'ops',len(ops),'shapes',len(shapes),'members',len(mem),'patterns',len(pats))
    for k,v in parts.items(): print(f'  {k:18} raw {len(v):7} gzip {g(v):6}')
    print(f'  ALL raw {len(allb)} gzip {g(allb)}  per op {g(allb)/len(ops):.0f} B; without pattern sources gzip {g(b"".join(v for k,v in parts.items() if k!="pattern_sources"))}')
    b64=base64.b64encode(allb).decode()
    lat=json.dumps(allb.decode('latin1'))
    print(f'  as base64 in JS: gzip {g(b64.encode())}; as a latin1 JSON string: gzip {g(lat.encode())}')
    unicode = [ast.literal_eval('b' + p) for src, p in pats if '\\\\p' in src]
    if unicode:
        others = b''.join(ast.literal_eval('b' + p) for src, p in pats if '\\\\p' not in src)
        share = g(parts['pattern_programs']) - g(others)
        print(f'  the {len(unicode)} patterns with Unicode properties (\\p{{…}}): programs raw {sum(map(len, unicode))}, '
              f'{share} B of the programs\' gzip (what handing them to RegExp with the u flag would save, less its call)')
