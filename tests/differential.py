"""The two halves of tests/differential.sh that need a YAML reader.

  differential.py prepare DIRS
      DIRS is a file of directories, one a line. In each DIR/p, creates
      the empty build contexts and env files that its compose file names
      and lacks: docker-compose 1.29 refuses a file whose build context or
      env_file is missing, and neither changes a mount. Only relative
      paths that stay inside DIR/p are created.

  differential.py compare TABLE DIRS
      Converts each DIR's `docker-compose config` output (DIR/dc.out) to
      the lines of tests/dump_mounts, compares them with DIR/ml.out, and
      prints "pass NAME", "fail NAME" (followed by indented detail lines)
      or "refused NAME: REASON". TABLE is tests/differential.md: the
      differences it lists are excused, nothing else.

Only the yaml module is used (docker-compose depends on it); nothing here
reads mountlint's code or output other than the dump's lines.
"""
import collections
import os
import posixpath
import re
import sys

import yaml


class AnyTagLoader(yaml.SafeLoader):
    """A safe loader that reads every unknown tag as its plain value."""


def _untagged(loader, suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


AnyTagLoader.add_multi_constructor('!', _untagged)


def compose_file(d):
    with open(os.path.join(d, 'name'), encoding='utf-8') as f:
        return os.path.join(d, 'p', f.read().strip())


# ---- prepare ---------------------------------------------------------

def services_of(doc):
    if not isinstance(doc, dict):
        return []
    services = doc.get('services')
    if isinstance(services, dict):
        return [s for s in services.values() if isinstance(s, dict)]
    # file format 1: services at the top level
    return [s for s in doc.values() if isinstance(s, dict)]


def inside(project, rel):
    """The path rel names inside project, or None when it leaves it or
    cannot be known (absolute, a URL, a variable)."""
    if not isinstance(rel, str) or not rel or '$' in rel or '://' in rel:
        return None
    if rel.startswith(('/', '~', 'git@', 'github.com/')):
        return None
    path = posixpath.normpath(posixpath.join(project, rel))
    if path != project and not path.startswith(project + '/'):
        return None
    return path


def needed_paths(service):
    """(directories, files) that a service's build and env_file name."""
    dirs, files = [], []
    build = service.get('build')
    if isinstance(build, dict):
        build = build.get('context')
    if build is not None:
        dirs.append(build)
    env_file = service.get('env_file')
    if not isinstance(env_file, list):
        env_file = [env_file] if env_file is not None else []
    for e in env_file:
        files.append(e.get('path') if isinstance(e, dict) else e)
    return dirs, files


def prepare(dirs):
    for d in dirs:
        path = compose_file(d)
        project = os.path.dirname(path)
        try:
            with open(path, encoding='utf-8') as f:
                doc = yaml.load(f, Loader=AnyTagLoader)
        except (yaml.YAMLError, UnicodeDecodeError, ValueError, TypeError):
            continue
        for service in services_of(doc):
            want_dirs, want_files = needed_paths(service)
            for rel in want_dirs:
                p = inside(project, rel)
                if p and not os.path.lexists(p):
                    os.makedirs(p)
            for rel in want_files:
                p = inside(project, rel)
                if p and not os.path.lexists(p):
                    os.makedirs(os.path.dirname(p), exist_ok=True)
                    open(p, 'w', encoding='utf-8').close()


# ---- converting docker-compose's output ------------------------------

Mount = collections.namedtuple('Mount', 'service type source target ro')


def clean(path):
    """Go's path.Clean, as dump_mounts cleans."""
    if not path:
        return '.'
    c = posixpath.normpath(path)
    return '/' + c.lstrip('/') if c.startswith('//') else c


def host_path(path, home):
    path = clean(path)
    if path == home or path.startswith(home + '/'):
        return '~' + path[len(home):]
    return path


def is_named(source):
    return not source.startswith(('.', '/', '~'))


def short_volume(service, text, home):
    """A short-syntax entry as docker-compose 1.29 splits it on POSIX."""
    parts = text.split(':')
    if len(parts) == 1:
        return Mount(service, 'volume', '-', clean(parts[0]), 'rw')
    source, target = parts[0], clean(parts[1])
    ro = 'ro' if len(parts) > 2 and 'ro' in parts[2].split(',') else 'rw'
    if is_named(source):
        return Mount(service, 'volume', source, target, ro)
    return Mount(service, 'bind', host_path(source, home), target, ro)


def long_volume(service, spec, home):
    kind = spec.get('type', 'volume')
    source = spec.get('source') or '-'
    if kind == 'bind' and source != '-' and source.startswith(('/', '~')):
        source = host_path(source, home)
    ro = 'ro' if spec.get('read_only') else 'rw'
    return Mount(service, kind, source, clean(spec.get('target', '')), ro)


def tmpfs_mounts(service, value):
    items = value if isinstance(value, list) else [value]
    for item in items:
        target, _, opts = str(item).partition(':')
        ro = 'ro' if 'ro' in opts.split(',') else 'rw'
        yield Mount(service, 'tmpfs', '-', clean(target), ro)


def secret_target(secret):
    """Where docker-compose 1.29 mounts a secret (compose/service.py)."""
    target = secret.get('target')
    if target is None:
        return '/run/secrets/' + secret['source']
    if not target.startswith('/'):
        return '/run/secrets/' + target
    return target


def compose_mounts(doc, home):
    mounts = []
    for name, service in (doc.get('services') or {}).items():
        for v in service.get('volumes') or []:
            if isinstance(v, dict):
                mounts.append(long_volume(name, v, home))
            else:
                mounts.append(short_volume(name, str(v), home))
        if service.get('tmpfs') is not None:
            mounts.extend(tmpfs_mounts(name, service['tmpfs']))
        for s in service.get('secrets') or []:
            mounts.append(Mount(name, 'secret', s['source'],
                                clean(secret_target(s)), 'ro'))
    return mounts


def dump_mounts(text):
    mounts = []
    for line in text.splitlines():
        fields = line.split('\t')
        if len(fields) == 5:
            mounts.append(Mount(*fields))
    return mounts


# ---- the documented differences --------------------------------------

class Case:
    """One compared file: what each side resolved, and what is left."""

    def __init__(self, name, project, home, dc_doc, ml, ml_rc, ml_err):
        self.name = name
        self.project = project      # the project directory
        self.dc_doc = dc_doc
        self.ml_rc = ml_rc
        self.ml_err = ml_err        # what the parser reported
        self.dc_only = collections.Counter(compose_mounts(dc_doc, home))
        self.ml_only = collections.Counter(ml)
        common = self.dc_only & self.ml_only
        self.dc_only -= common
        self.ml_only -= common
        self.excused = []

    def excuse(self, why, dc=None, ml=None):
        if dc is not None:
            self.dc_only[dc] -= 1
            self.dc_only += collections.Counter()
        if ml is not None:
            self.ml_only[ml] -= 1
            self.ml_only += collections.Counter()
        self.excused.append(why)

    def pair(self, why, match):
        """Excuses each mountlint line that match(ml, dc) pairs with a
        docker-compose line."""
        for ml in list(self.ml_only.elements()):
            for dc in list(self.dc_only.elements()):
                if self.ml_only[ml] and self.dc_only[dc] and match(ml, dc):
                    self.excuse(why, dc, ml)
                    break


def same_but(a, b, *fields):
    return all(getattr(a, f) == getattr(b, f)
               for f in Mount._fields if f not in fields)


def rule_v1_format(case):
    if case.dc_doc.get('version') == '1' and case.ml_rc == 3:
        for dc in list(case.dc_only.elements()):
            case.excuse('v1-format', dc=dc)


def rule_unset_variable(case):
    case.pair('unset-variable', lambda ml, dc:
              ml.source.startswith('?') and same_but(ml, dc, 'source'))


def rule_long_bind_relative(case):
    case.pair('long-bind-relative', lambda ml, dc:
              dc.type == 'bind' and not dc.source.startswith(('/', '~')) and
              ml.source == clean(posixpath.join(case.project, dc.source)) and
              same_but(ml, dc, 'source'))


def rule_invalid_target(case):
    for dc in list(case.dc_only.elements()):
        if (not dc.target.startswith('/') and
                'container path "%s" is not absolute [ML103]' % dc.target
                in case.ml_err):
            case.excuse('invalid-target', dc=dc)


def rule_drive_letter(case):
    for dc in list(case.dc_only.elements()):
        if (dc.type == 'volume' and len(dc.source) == 1 and
                'invalid volume spec "%s:%s' % (dc.source, dc.target)
                in case.ml_err):
            case.excuse('drive-letter', dc=dc)


def rule_configs(case):
    for ml in list(case.ml_only.elements()):
        if ml.type == 'config':
            case.excuse('configs', ml=ml)


RULES = {
    'v1-format': rule_v1_format,
    'unset-variable': rule_unset_variable,
    'long-bind-relative': rule_long_bind_relative,
    'configs': rule_configs,
    'invalid-target': rule_invalid_target,
    'drive-letter': rule_drive_letter,
}


def read_table(path):
    """The ids of the differences, and the (file, service, target)
    excuses, of tests/differential.md."""
    ids, files, section = [], {}, None
    cell = re.compile(r'`([^`]*)`')
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('## '):
                section = line[3:].strip().lower()
            if not line.startswith('| `'):
                continue
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            if section == 'differences':
                ids.append(cell.match(cells[0]).group(1))
            elif section == 'files':
                key = tuple(cell.match(c).group(1) for c in cells[:3])
                files[key] = cells[3]
    return ids, files


def rule_files(case, files, used):
    for (name, service, target) in files:
        if name != case.name:
            continue
        for side in (case.dc_only, case.ml_only):
            for m in list(side.elements()):
                if m.service == service and m.target == target:
                    side[m] -= 1
                    side += collections.Counter()
                    used.add((name, service, target))
                    case.excused.append('file')


# ---- comparing -------------------------------------------------------

def read(path):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            return f.read()
    except FileNotFoundError:
        return ''


def refusal(err):
    """The line of docker-compose's error output that says why."""
    lines = [l.strip() for l in err.splitlines() if l.strip()]
    lines = [l for l in lines if 'variable is not set' not in l]
    for l in reversed(lines):
        if re.match(r'^[\w.]+(Error|Exception): ', l):
            return l
    if not lines:
        return '(no message)'
    if lines[0].endswith(':') and len(lines) > 1:
        return lines[0] + ' ' + lines[1]
    return lines[0]


def show(m, project):
    text = '\t'.join(m)
    return text.replace(project, '$PROJECT')


def compare_one(d, files, used):
    path = compose_file(d)
    name = os.path.basename(path)
    project = os.path.dirname(path)
    dc_rc = read(os.path.join(d, 'dc.rc')).strip()
    if dc_rc == '124':
        return 'fail %s\n  docker-compose timed out' % name
    if dc_rc != '0':
        return 'refused %s: %s' % (name, refusal(read(os.path.join(d,
                                                                 'dc.err'))))
    ml_err = read(os.path.join(d, 'ml.err'))
    ml_rc = int(read(os.path.join(d, 'ml.rc')).strip() or 99)
    if re.search(r'Sanitizer|runtime error:', ml_err) or ml_rc > 3:
        return 'fail %s\n  dump_mounts exited %d\n  %s' % (
            name, ml_rc, ml_err[:2000].replace('\n', '\n  '))
    doc = yaml.safe_load(read(os.path.join(d, 'dc.out')))
    case = Case(name, project, os.path.join(d, 'home'), doc,
                dump_mounts(read(os.path.join(d, 'ml.out'))), ml_rc, ml_err)
    for rule in RULES.values():
        rule(case)
    rule_files(case, files, used)
    if not case.dc_only and not case.ml_only:
        why = sorted(set(case.excused))
        return 'pass %s%s' % (name, ' (excused: %s)' % ', '.join(why)
                              if why else '')
    out = ['fail %s' % name]
    out += ['  docker-compose only: ' + show(m, project)
            for m in sorted(case.dc_only.elements())]
    out += ['  mountlint only:      ' + show(m, project)
            for m in sorted(case.ml_only.elements())]
    out += ['  mountlint: ' + l for l in ml_err.splitlines()[:5]]
    return '\n'.join(out)


def compare(table, dirs):
    ids, files = read_table(table)
    status = 0
    if sorted(ids) != sorted(RULES):
        print('fail tests/differential.md: its differences %s, the '
              'script\'s %s' % (sorted(ids), sorted(RULES)))
        status = 1
    used = set()
    for d in dirs:
        print(compare_one(d, files, used))
    for key in sorted(set(files) - used):
        print('fail tests/differential.md: file %s, service %s, target %s '
              'excuses nothing' % key)
    return status


def lines_of(path):
    with open(path, encoding='utf-8') as f:
        return [l.rstrip('\n') for l in f if l.strip()]


def main(argv):
    if len(argv) == 3 and argv[1] == 'prepare':
        prepare(lines_of(argv[2]))
        return 0
    if len(argv) == 4 and argv[1] == 'compare':
        return compare(argv[2], lines_of(argv[3]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
