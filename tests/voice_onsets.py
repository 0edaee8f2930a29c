"""Speech onsets in what SDL's disk audio driver wrote, against the moments
they belong to. Used by tests/voice_timing.sh; also the tool for measuring a
recorded routine by hand:

    python3 tests/voice_onsets.py OUT.raw LIMBER_STDERR [PLANNED_S ...]

OUT.raw is the device's output (48 kHz mono float32); LIMBER_STDERR is what
`limber play --voice --verbose` printed: a line per phrase with the moment
on the player's clock it was said at and the device's position then
("voice at 5.004 s (sound at 4.971 s): ..."). For each phrase it prints
when it was said after its planned moment, and how long after that position
the speech is heard in the file (words said before the device opened, at
the start, are measured from its opening); with PLANNED_S, exits 1 unless every
planned moment was spoken within 100 ms and nothing else was said. A
moment written with a "?" ("13?") may be left out: a counted second that
comes while the words before it are still being said is not said.
"""
import array
import re
import sys

RATE = 48000
LOUD = 0.02          # |sample| that counts as speech (the voice peaks near 0.7)
LIMIT_S = 0.100


def main():
    raw = array.array('f')
    with open(sys.argv[1], 'rb') as f:
        raw.frombytes(f.read())
    log = open(sys.argv[2], encoding='utf-8').read()
    planned = [float(x.rstrip('?')) for x in sys.argv[3:]]
    optional = [x.endswith('?') for x in sys.argv[3:]]
    said = [(float(a), float(b), c) for a, b, c in
            re.findall(r'voice at ([0-9.]+) s \(sound at ([0-9.]+) s\): (.*)', log)]
    opened = re.search(r'sound device open at ([0-9.]+) s', log)
    opened = float(opened.group(1)) if opened else 0.0

    def onset(at):
        k = max(0, int(round(at * RATE)))
        while k < len(raw) and abs(raw[k]) < LOUD:
            k += 1
        return k / RATE

    def cut(i):
        """True when phrase i still sounded just before the next one was
        queued: the next moment cut it short (one queue: never over it).
        The 25 ms next to that position are left out: the file can run up
        to one device buffer (21 ms) ahead of the position Limber reads."""
        if i + 1 >= len(said):
            return False
        end = int(said[i + 1][1] * RATE)
        return any(abs(x) >= LOUD
                   for x in raw[max(0, end - int(0.06 * RATE)):max(0, end - int(0.025 * RATE))])

    bad = 0
    cuts = 0
    print('planned  said after  heard after  total   words')
    heard_at = []
    for i, (t, pos, words) in enumerate(said):
        moment = min(planned, key=lambda p: abs(p - t)) if planned else round(t)
        heard_at.append(moment)
        heard = onset(pos) - pos
        total = t - moment + heard
        late = total > LIMIT_S
        if pos == 0.0 and t < opened:
            # said before the device opened (the get-ready, at start: the
            # device opens after the first frame): on time when heard
            # within the limit of the device opening
            total = opened + heard - moment
            late = heard > LIMIT_S
        late = planned and (late or abs(t - moment) > 0.5)
        bad += bool(late)
        cuts += cut(i)
        print('%7.3f  %7.0f ms  %8.0f ms  %4.0f ms  %s%s%s' %
              (moment, (t - moment) * 1000, heard * 1000, total * 1000, words[:48],
               '  LATE' if late else '', '  (cut short)' if cut(i) else ''))
    print('%d phrases, %d cut short by the next moment' % (len(said), cuts))
    # the device's clock against the app's, over the run: the disk writer
    # sleeps a fixed time per buffer and drifts; a sound card does not
    if said:
        t, pos, _ = said[-1]
        print('device clock minus app clock at the end: %+.0f ms (device opened at %.3f s)'
              % ((pos + opened - t) * 1000, opened))
    for p, maybe in zip(planned, optional):
        n = heard_at.count(p)
        if n > 1 or (n == 0 and not maybe):
            print('the moment at %.3f s was said %d times' % (p, n))
            bad += 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
