import { computed, onBeforeUnmount, ref } from 'vue';

/** A seconds countdown (OTP resend); stops itself and on unmount. */
export function useCountdown() {
  const remaining = ref(0);
  let timer: ReturnType<typeof setInterval> | null = null;

  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  function start(seconds: number) {
    stop();
    remaining.value = Math.max(0, Math.ceil(seconds));
    if (remaining.value === 0) return;
    const endsAt = Date.now() + remaining.value * 1000;
    timer = setInterval(() => {
      remaining.value = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      if (remaining.value === 0) stop();
    }, 250);
  }

  onBeforeUnmount(stop);
  return { remaining, running: computed(() => remaining.value > 0), start, stop };
}
