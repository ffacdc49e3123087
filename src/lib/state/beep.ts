/**
 * The projector's optional countdown sound: a short tone made with WebAudio, so no sound file is
 * downloaded. Browsers start audio only after a click, which the sound toggle is.
 */
let context: AudioContext | undefined;

export function beep(frequency = 880, ms = 140) {
	try {
		context ??= new AudioContext();
		const oscillator = context.createOscillator();
		const gain = context.createGain();
		oscillator.frequency.value = frequency;
		const t = context.currentTime;
		// A soft start and end: a bare square edge clicks.
		gain.gain.setValueAtTime(0.0001, t);
		gain.gain.exponentialRampToValueAtTime(0.2, t + 0.01);
		gain.gain.exponentialRampToValueAtTime(0.0001, t + ms / 1000);
		oscillator.connect(gain).connect(context.destination);
		oscillator.start(t);
		oscillator.stop(t + ms / 1000 + 0.02);
	} catch {
		// No audio on this device: the countdown still shows.
	}
}
