"""Writes interview_tone.wav: 6 s of a quiet 440 Hz tone (8 kHz, 8-bit mono, ~48 kB), the
"recording" of the synthetic interview in ../subtitles. Made with Python's wave module
(no ffmpeg, sox or espeak-ng on the machine). Run: python make_tone.py"""

import math
import wave

RATE, SECONDS = 8000, 6
with wave.open("interview_tone.wav", "wb") as out:
    out.setnchannels(1)
    out.setsampwidth(1)
    out.setframerate(RATE)
    out.writeframes(bytes(128 + round(40 * math.sin(2 * math.pi * 440 * i / RATE))
                          for i in range(RATE * SECONDS)))
