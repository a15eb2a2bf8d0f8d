//! Turns the service's events into native notifications (notify-rust) and a chime (rodio).
//! Neither a missing notification daemon nor a missing sound card stops the app: both are logged.

use std::io::Cursor;
use std::sync::mpsc;
use switchboard_service::Service;
use tokio::sync::broadcast::error::RecvError;
use uuid::Uuid;

/// The chime played for new work (the web UI plays the same file); short, so it never overlaps itself much.
static CHIME: &[u8] = include_bytes!("../../ui/public/sounds/new-work.wav");

/// Listens to the event bus for the signed-in agent, on the given runtime.
pub fn start(runtime: &tokio::runtime::Runtime, service: Service, agent: Uuid) {
    let sounds = spawn_sound_player();
    let mut events = service.events().subscribe();
    runtime.spawn(async move {
        loop {
            let event = match events.recv().await {
                Ok(e) => e,
                Err(RecvError::Lagged(n)) => {
                    tracing::warn!(missed = n, "alerts fell behind the event stream");
                    continue;
                }
                Err(RecvError::Closed) => break,
            };
            let alert = match service.alert_for(&event, agent).await {
                Ok(Some(a)) => a,
                Ok(None) => continue,
                Err(e) => {
                    tracing::warn!(error = %e, "could not prepare an alert");
                    continue;
                }
            };
            if alert.sound && sounds.send(()).is_err() {
                tracing::warn!("the sound player is gone");
            }
            if alert.desktop {
                let (title, body) = (alert.title, alert.body);
                // The D-Bus call blocks; keep it off the async workers.
                tokio::task::spawn_blocking(move || notify(&title, &body));
            }
        }
    });
}

fn notify(title: &str, body: &str) {
    let shown = notify_rust::Notification::new()
        .appname("Switchboard")
        .summary(title)
        .body(body)
        .icon("mail-message-new")
        .show();
    match shown {
        Ok(_) => tracing::info!(%title, "notification shown"),
        Err(e) => {
            tracing::warn!(error = %e, %title, "no desktop notification (is a notification daemon running?)")
        }
    }
}

/// A thread that owns the audio output (rodio's stream is not Send) and plays the chime on request.
fn spawn_sound_player() -> mpsc::Sender<()> {
    let (tx, rx) = mpsc::channel::<()>();
    let spawned = std::thread::Builder::new().name("sound".into()).spawn(move || {
        while rx.recv().is_ok() {
            if let Err(e) = play_chime() {
                tracing::warn!(error = %e, "no sound played (is there an audio device?)");
            }
        }
    });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "could not start the sound thread");
    }
    tx
}

fn play_chime() -> Result<(), Box<dyn std::error::Error>> {
    // Opened per chime, so a device plugged in later is used and a lost one is not fatal.
    let (_stream, handle) = rodio::OutputStream::try_default()?;
    let sink = rodio::Sink::try_new(&handle)?;
    sink.append(rodio::Decoder::new_wav(Cursor::new(CHIME))?);
    sink.sleep_until_end();
    tracing::info!("chime played");
    Ok(())
}
