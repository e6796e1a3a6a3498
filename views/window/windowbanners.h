#pragma once

#include <QObject>
#include <QString>

class ConnectionBanner;
class QLabel;
class QMainWindow;
class Source;

// The strips over the table: why the socket table cannot be read (or that a recording is
// incomplete), and a stream's lost connection. Hidden while all is well.
class WindowBanners : public QObject
{
    Q_OBJECT

public:
    explicit WindowBanners(QMainWindow *window);

    // The two strips, top to bottom, for the window's central layout.
    QList<QWidget *> widgets() const;
    // Also in the status bar.
    void showFailure(const QString &message);
    // A sample came: a failure is over.
    void clearFailure();
    void showNotice(const QString &html);
    void showState(const Source &source);
    // Another place is watched: failures, notices and connection news of the previous one go.
    void reset();
    void retranslate(const Source *source);
    QString noticeText() const; // the banner over the table (a failure, or an incomplete recording)
    QString connectionText() const; // the banner saying a stream's connection is lost (empty when not)

private:
    QMainWindow *m_window;
    QLabel *m_failure;
    ConnectionBanner *m_connection;
    QString m_failureText;
};
